package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One user of the app while parts of the suite fail, behaving as the browser app does
 * (with shorter waits: backoff up to 2 s, not 30): one socket through the gateway that
 * reconnects with backoff (and drops a connection that stays silent, or whose auth is
 * refused), every message sent under its own {@code clientMessageId} and sent again under
 * the same one until it is acknowledged: after a reconnect, after a retryable
 * {@code error} (once its {@code retryAfterMs} has passed), or after 15 s without an
 * answer. It notes what was acknowledged and when, and every {@code message.new} each
 * connection received.
 */
final class Chatter implements WebSocket.Listener {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration SILENCE = Duration.ofSeconds(12);

	/**
	 * The close code noted for a connection this client dropped because it stayed silent.
	 */
	static final int DROPPED_SILENT = 0;

	final Accounts.Session user;

	final String conversationId;

	private final URI socketUri;

	private final HttpClient http;

	private final ScheduledExecutorService timers;

	private final Map<String, Send> sends = new LinkedHashMap<>();

	private final Map<String, Send> byFrameId = new HashMap<>();

	private final List<Connection> connections = new ArrayList<>();

	private Connection current;

	private int attempt;

	private int frames;

	private boolean closed;

	Chatter(Accounts.Session user, String conversationId, URI socketUri, HttpClient http,
			ScheduledExecutorService timers) {
		this.user = user;
		this.conversationId = conversationId;
		this.socketUri = socketUri;
		this.http = http;
		this.timers = timers;
	}

	/** Connects, and keeps an eye on the connection and on sends left unanswered. */
	void start() {
		connect();
		this.timers.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
	}

	/** Sends a new message (written at once if connected, otherwise when connected). */
	synchronized void send(String clientMessageId, String text) {
		Send send = new Send(clientMessageId, text, System.nanoTime());
		this.sends.put(clientMessageId, send);
		write(send);
	}

	/** Closes the socket for good. */
	synchronized void close() {
		this.closed = true;
		if (this.current != null) {
			this.current.socket.abort();
		}
	}

	synchronized List<Send> sends() {
		return List.copyOf(this.sends.values());
	}

	synchronized List<Connection> connections() {
		return List.copyOf(this.connections);
	}

	/** What a connection of this user received so far: message id to how many times. */
	synchronized Map<String, Integer> received(Connection connection) {
		return Map.copyOf(connection.received);
	}

	synchronized long unanswered() {
		return this.sends.values().stream().filter((s) -> s.ackedNanos == 0 && s.refusal == null).count();
	}

	private synchronized void connect() {
		if (this.closed) {
			return;
		}
		this.http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(this.socketUri, this)
			.whenComplete((socket, failure) -> {
				if (failure != null) {
					reconnectLater();
				}
			});
	}

	private synchronized void reconnectLater() {
		if (this.closed) {
			return;
		}
		long delay = Math.min(2000, 200L << Math.min(this.attempt++, 4));
		this.timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void onOpen(WebSocket socket) {
		if (this.closed) {
			socket.abort();
			return;
		}
		Connection connection = new Connection(this.connections.size() + 1, socket);
		this.connections.add(connection);
		this.current = connection;
		enqueue(connection, "{\"type\":\"auth\",\"id\":\"auth\",\"data\":{\"token\":\"" + this.user.token() + "\"}}");
		socket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
		synchronized (this) {
			Connection connection = of(socket);
			if (connection != null) {
				connection.partial.append(data);
				connection.lastFrameNanos = System.nanoTime();
				if (last) {
					String text = connection.partial.toString();
					connection.partial.setLength(0);
					onFrame(connection, JSON.readTree(text));
				}
			}
		}
		socket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
		lost(socket, statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket socket, Throwable error) {
		lost(socket, 1006);
	}

	private synchronized void lost(WebSocket socket, int code) {
		Connection connection = of(socket);
		if (connection == null || connection.closedNanos != 0) {
			return;
		}
		connection.closedNanos = System.nanoTime();
		connection.closeCode = code;
		socket.abort();
		if (connection == this.current) {
			this.current = null;
			reconnectLater();
		}
	}

	private void onFrame(Connection connection, JsonNode frame) {
		String type = frame.path("type").asString("");
		String id = frame.path("id").asString(null);
		switch (type) {
			case "ack" -> {
				if ("auth".equals(id)) {
					connection.authedNanos = System.nanoTime();
					this.attempt = 0;
					// What has no ack yet goes again, in the order it was written.
					this.sends.values()
						.stream()
						.filter((s) -> s.ackedNanos == 0 && s.refusal == null)
						.forEach(this::write);
					return;
				}
				Send send = this.byFrameId.remove(id);
				if (send != null && send.ackedNanos == 0) {
					send.ackedNanos = System.nanoTime();
					send.messageId = frame.at("/data/messageId").asString();
				}
			}
			case "error" -> {
				if ("auth".equals(id)) {
					// As the app does with a refused auth (4001): connect again.
					lost(connection.socket, 4001);
					return;
				}
				Send send = this.byFrameId.remove(id);
				if (send == null) {
					return;
				}
				String code = frame.at("/data/code").asString();
				if ("UNAVAILABLE".equals(code)) {
					send.retryableErrors++;
					long after = Math.max(100, frame.at("/data/retryAfterMs").asLong(2000));
					this.timers.schedule(() -> retry(send), after, TimeUnit.MILLISECONDS);
				}
				else if (send.ackedNanos == 0) {
					send.refusal = code;
				}
			}
			case "message.new" -> connection.received.merge(frame.at("/data/message/id").asString(), 1, Integer::sum);
			default -> {
			}
		}
	}

	private synchronized void retry(Send send) {
		if (send.ackedNanos == 0 && send.refusal == null) {
			write(send);
		}
	}

	/** Writes the send on the current connection, once it is authenticated. */
	private void write(Send send) {
		Connection connection = this.current;
		if (connection == null || connection.authedNanos == 0) {
			return;
		}
		String frameId = "f" + (++this.frames);
		this.byFrameId.put(frameId, send);
		send.attempts++;
		send.lastWrittenNanos = System.nanoTime();
		enqueue(connection, JSON.writeValueAsString(Map.of("type", "message.send", "id", frameId, "data", Map
			.of("conversationId", this.conversationId, "clientMessageId", send.clientMessageId, "text", send.text))));
	}

	/** The JDK's socket takes one write at a time: each waits for the one before. */
	private void enqueue(Connection connection, String text) {
		connection.writes = connection.writes.thenCompose((ignored) -> connection.socket.sendText(text, true))
			.exceptionally((failure) -> {
				lost(connection.socket, 1006);
				return connection.socket;
			});
	}

	/**
	 * Each second: a ping; a connection silent for too long is dropped; a send written
	 * over 15 s ago without an answer goes again.
	 */
	private synchronized void watch() {
		Connection connection = this.current;
		if (this.closed || connection == null) {
			return;
		}
		long now = System.nanoTime();
		if (now - connection.lastFrameNanos > SILENCE.toNanos()) {
			// Silent, or its auth never answered.
			lost(connection.socket, DROPPED_SILENT);
			return;
		}
		if (connection.authedNanos == 0) {
			return;
		}
		enqueue(connection, "{\"type\":\"ping\",\"id\":\"p" + (++this.frames) + "\"}");
		for (Send send : this.sends.values()) {
			if (send.ackedNanos == 0 && send.refusal == null
					&& now - send.lastWrittenNanos > ANSWER_TIMEOUT.toNanos()) {
				write(send);
			}
		}
	}

	private Connection of(WebSocket socket) {
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (this.connections.get(i).socket == socket) {
				return this.connections.get(i);
			}
		}
		return null;
	}

	/** One message, and what became of it. */
	static final class Send {

		final String clientMessageId;

		final String text;

		final long queuedNanos;

		volatile long lastWrittenNanos;

		volatile long ackedNanos;

		volatile String messageId;

		volatile String refusal;

		volatile int attempts;

		volatile int retryableErrors;

		Send(String clientMessageId, String text, long queuedNanos) {
			this.clientMessageId = clientMessageId;
			this.text = text;
			this.queuedNanos = queuedNanos;
		}

	}

	/** One socket of the user, from open to close, and the messages it received. */
	static final class Connection {

		final int number;

		final WebSocket socket;

		final long openedNanos = System.nanoTime();

		final Map<String, Integer> received = new HashMap<>();

		final StringBuilder partial = new StringBuilder();

		CompletableFuture<WebSocket> writes = CompletableFuture.completedFuture(null);

		volatile long authedNanos;

		volatile long closedNanos;

		volatile long lastFrameNanos = System.nanoTime();

		volatile int closeCode;

		Connection(int number, WebSocket socket) {
			this.number = number;
			this.socket = socket;
		}

		/**
		 * Authenticated at or before {@code from}, and still open (or closed after
		 * {@code until}).
		 */
		boolean openThroughout(long from, long until) {
			return this.authedNanos != 0 && this.authedNanos <= from
					&& (this.closedNanos == 0 || this.closedNanos > until);
		}

	}

}
