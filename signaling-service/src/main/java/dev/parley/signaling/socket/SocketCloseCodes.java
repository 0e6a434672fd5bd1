package dev.parley.signaling.socket;

import org.springframework.web.socket.CloseStatus;

/**
 * Application close codes (4000-4999). Retryable ones tell the client to reconnect (after
 * refreshing its token where said); terminal ones tell it not to.
 */
final class SocketCloseCodes {

	/** The token expired or is missing: refresh it, then reconnect. */
	static final CloseStatus UNAUTHENTICATED = new CloseStatus(4001, "token expired or invalid");

	/** This user may not use the socket: do not reconnect. */
	static final CloseStatus FORBIDDEN = new CloseStatus(4003, "forbidden");

	private SocketCloseCodes() {
	}

}
