package dev.parley.platform.protocol;

/**
 * The codes the server closes a socket with, and what the client should do about each.
 * Parley's own codes follow one rule a client can apply without this list: 4000 to 4499
 * mean reconnect (with backoff, then catch up), 4500 to 4999 mean stop. Within the first
 * range, {@link Action#REFRESH_THEN_RECONNECT} codes ask for a fresh token first. The
 * standard codes below 4000 are all retryable.
 */
public enum CloseCode {

	/** Nothing came from the client for the idle timeout (a dead connection). */
	IDLE(1001, "idle", Action.RECONNECT),

	/** Frames for this replica may have been lost: reconnect and catch up. */
	RESYNC(1012, "reconnect and catch up", Action.RECONNECT),

	/** This replica is stopping: reconnect (to another) and catch up. */
	RESTARTING(1012, "replica stopping: reconnect", Action.RECONNECT),

	/**
	 * This replica cannot deliver right now (its fan-out link or the key set is away).
	 */
	UNAVAILABLE(1013, "try again later", Action.RECONNECT),

	/** The socket's newest token expired. */
	TOKEN_EXPIRED(4001, "token expired", Action.REFRESH_THEN_RECONNECT),

	/** The first {@code auth} frame carried no valid token. */
	TOKEN_INVALID(4002, "token invalid", Action.REFRESH_THEN_RECONNECT),

	/** No {@code auth} frame came in time after an upgrade without a token. */
	NO_AUTH_FRAME(4004, "no auth frame in time", Action.RECONNECT),

	/** The client read too slowly and its queue of frames overflowed. */
	TOO_SLOW(4008, "too slow: reconnect and catch up", Action.RECONNECT),

	/** The client kept sending frames over its budget: reconnect, more slowly. */
	FLOODING(4009, "too many frames", Action.RECONNECT),

	/** The user holds as many sockets as one user may on this replica. */
	TOO_MANY_SOCKETS(4010, "too many sockets for this user", Action.RECONNECT),

	/** This replica holds as many sockets as it may. */
	FULL(4029, "replica full: reconnect later", Action.RECONNECT),

	/**
	 * The session was ended (signed out, signed out everywhere, password reset): do not
	 * reconnect, sign in again.
	 */
	SESSION_ENDED(4500, "session ended", Action.STOP);

	/** Parley's terminal codes: from here to 4999, the client must not reconnect. */
	public static final int FIRST_TERMINAL = 4500;

	private final int code;

	private final String reason;

	private final Action action;

	CloseCode(int code, String reason, Action action) {
		this.code = code;
		this.reason = reason;
		this.action = action;
		if ((code >= FIRST_TERMINAL && code < 5000) != (action == Action.STOP)) {
			throw new IllegalStateException(name() + ": codes 4500 to 4999, and only they, are terminal");
		}
	}

	public int code() {
		return this.code;
	}

	public String reason() {
		return this.reason;
	}

	public Action action() {
		return this.action;
	}

	/** What the client should do after a close. */
	public enum Action {

		/** Reconnect with backoff, then catch up. */
		RECONNECT,

		/** Get a fresh access token, then reconnect. */
		REFRESH_THEN_RECONNECT,

		/** Do not reconnect: the session is over. */
		STOP

	}

}
