package dev.parley.signaling.socket;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The codes a socket may be closed with. Every one but {@link #SESSION_ENDED} is
 * retryable: the client reconnects with backoff (refreshing its token first after 4001)
 * and catches up with what it missed. The full list is in docs/protocol.md.
 */
final class SocketCloseCodes {

	/** Nothing came from the client for the idle timeout (a dead connection). */
	static final CloseStatus IDLE = new CloseStatus(1001, "idle");

	/** The token expired, was invalid, or never came: refresh it, then reconnect. */
	static final CloseStatus UNAUTHENTICATED = new CloseStatus(4001, "token expired or invalid");

	/** No {@code auth} frame came in time after an upgrade without a token. */
	static final CloseStatus NO_AUTH_FRAME = new CloseStatus(4001, "no auth frame in time");

	/**
	 * The session was ended (signed out, signed out everywhere, password changed): do not
	 * reconnect, sign in again.
	 */
	static final CloseStatus SESSION_ENDED = new CloseStatus(4003, "session ended");

	/** The client kept sending frames over its budget: reconnect, more slowly. */
	static final CloseStatus FLOODING = new CloseStatus(4009, "too many frames");

	/** The user holds as many sockets as one user may here. */
	static final CloseStatus TOO_MANY_SOCKETS = new CloseStatus(4010, "too many sockets for this user");

	/** The client read too slowly and its queue of frames overflowed. */
	static final CloseStatus TOO_SLOW = new CloseStatus(4008, "too slow: reconnect and catch up");

	/** This replica holds as many sockets as it may. */
	static final CloseStatus FULL = new CloseStatus(4029, "replica full: reconnect later");

	/** Frames for this replica may have been lost: reconnect and catch up. */
	static final CloseStatus RESYNC = new CloseStatus(1012, "reconnect and catch up");

	/** This replica is stopping: reconnect (to another) and catch up. */
	static final CloseStatus RESTARTING = new CloseStatus(1012, "replica stopping: reconnect");

	/** This replica cannot deliver right now (its fan-out link is down). */
	static final CloseStatus UNAVAILABLE = new CloseStatus(1013, "try again later");

	private SocketCloseCodes() {
	}

}
