package dev.parley.signaling.socket;

import org.springframework.web.socket.CloseStatus;

/**
 * Application close codes (4000-4999). Retryable ones tell the client to reconnect (after
 * refreshing its token where said); terminal ones tell it not to.
 */
final class SocketCloseCodes {

	/** The token expired or is missing: refresh it, then reconnect. */
	static final CloseStatus UNAUTHENTICATED = new CloseStatus(4001, "token expired or invalid");

	/**
	 * The token in the first {@code auth} frame was missing or invalid: refresh,
	 * reconnect.
	 */
	static final CloseStatus TOKEN_REJECTED = new CloseStatus(4001, "token invalid");

	/** No {@code auth} frame came in time after an upgrade without a token. */
	static final CloseStatus NO_AUTH_FRAME = new CloseStatus(4001, "no auth frame in time");

	/** This user may not use the socket: do not reconnect. */
	static final CloseStatus FORBIDDEN = new CloseStatus(4003, "forbidden");

	private SocketCloseCodes() {
	}

}
