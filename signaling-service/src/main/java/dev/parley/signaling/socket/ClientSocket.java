package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One authenticated socket as the rest of the service sees it: whose it is, its id
 * (unique across replicas, so an answer can find it), its newest token, and a way to
 * write to it that never waits for the client, and the commands it sent on that wait for
 * an answer.
 */
public final class ClientSocket {

	/** Answers start so (a frame is written type first, then id). */
	private static final String ACK = "{\"type\":\"ack\"";

	private static final String ERROR = "{\"type\":\"error\"";

	private static final AtomicLong ANONYMOUS = new AtomicLong();

	private final String userId;

	private final String id;

	private volatile String token;

	/** The sign-in its token belongs to ({@code sid}), or null. */
	private volatile String session;

	private final Connection connection;

	private final JsonMapper json;

	private final int maxUnanswered;

	private final long unansweredTimeoutNanos;

	/** Frame id of each command waiting for its answer, with when it stops counting. */
	private final Map<String, Long> unanswered = new ConcurrentHashMap<>();

	ClientSocket(String userId, String id, String token, Connection connection, JsonMapper json, int maxUnanswered,
			Duration unansweredTimeout) {
		this.userId = userId;
		this.id = id;
		this.token = token;
		this.connection = connection;
		this.json = json;
		this.maxUnanswered = maxUnanswered;
		this.unansweredTimeoutNanos = unansweredTimeout.toNanos();
	}

	/**
	 * A command of this socket goes on to another service, which answers it later: counts
	 * it as waiting. Returns false, counting nothing, when as many are waiting as a
	 * socket may have (the caller answers it with a retryable error).
	 */
	public boolean awaitAnswer(String frameId) {
		long now = System.nanoTime();
		if (this.unanswered.size() >= this.maxUnanswered) {
			this.unanswered.values().removeIf((until) -> until - now < 0);
			if (this.unanswered.size() >= this.maxUnanswered) {
				return false;
			}
		}
		// A command without an id gets no answer: it counts until the timeout.
		String key = (frameId != null) ? frameId : "\u0000" + ANONYMOUS.incrementAndGet();
		this.unanswered.put(key, now + this.unansweredTimeoutNanos);
		return true;
	}

	/** How many commands wait for their answer. */
	int unanswered() {
		return this.unanswered.size();
	}

	public String userId() {
		return this.userId;
	}

	public String id() {
		return this.id;
	}

	/** The socket's newest access token (valid while the socket is open). */
	public String token() {
		return this.token;
	}

	void renew(String token, String session) {
		this.token = token;
		this.session = session;
	}

	String session() {
		return this.session;
	}

	public void send(Frame frame) {
		send(this.json.writeValueAsString(frame));
	}

	void send(String frame) {
		if (!this.unanswered.isEmpty() && (frame.startsWith(ACK) || frame.startsWith(ERROR))) {
			JsonNode id = this.json.readTree(frame).get("id");
			if (id != null && id.isString()) {
				this.unanswered.remove(id.asString());
			}
		}
		this.connection.send(frame);
	}

	Connection connection() {
		return this.connection;
	}

}
