package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * One client socket: the JDK's WebSocket, authenticated with a first {@code auth} frame.
 * Sends are queued, since the JDK allows one outstanding send per socket; each received
 * frame is parsed once and handed to the current {@link Handler} with the moment it
 * arrived.
 */
final class Sock implements WebSocket.Listener {

	/** What a scenario does with the frames of its sockets. */
	interface Handler {

		void onFrame(Sock sock, String type, JsonNode frame, long receivedNanos);

		default void onClosed(Sock sock, int code, String reason) {
		}

	}

	private static final boolean DEBUG = System.getenv("BENCH_DEBUG") != null;

	private static final Handler IGNORE = (sock, type, frame, receivedNanos) -> {
	};

	final Account user;

	private final Executor executor;

	private final StringBuilder partial = new StringBuilder();

	private final ArrayDeque<String> queue = new ArrayDeque<>();

	private final CompletableFuture<Long> authed = new CompletableFuture<>();

	private volatile WebSocket webSocket;

	private volatile Handler handler = IGNORE;

	private boolean sending;

	private volatile boolean open;

	private volatile int closeCode;

	Sock(Account user, Executor executor) {
		this.user = user;
		this.executor = executor;
	}

	/**
	 * Opens the socket and authenticates it; completes with {@link System#nanoTime()} at
	 * the auth frame's {@code ack}.
	 */
	CompletableFuture<Long> open(HttpClient client, URI uri, Duration timeout) {
		client.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, this).whenComplete((ws, failure) -> {
			if (failure != null) {
				this.authed.completeExceptionally(failure);
				return;
			}
			this.webSocket = ws;
			this.open = true;
			send("{\"type\":\"auth\",\"id\":\"a1\",\"data\":{\"token\":\"" + this.user.accessToken + "\"}}");
		});
		return this.authed.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
	}

	void handler(Handler handler) {
		this.handler = handler;
	}

	boolean isOpen() {
		return this.open;
	}

	int closeCode() {
		return this.closeCode;
	}

	/** Queues a text frame; it goes out once the frames before it went. */
	void send(String text) {
		synchronized (this.queue) {
			if (this.sending) {
				this.queue.add(text);
				return;
			}
			this.sending = true;
		}
		write(text);
	}

	private void write(String text) {
		WebSocket ws = this.webSocket;
		if (DEBUG) {
			System.err.println(">> " + this.user + " " + text.substring(0, Math.min(120, text.length())));
		}
		CompletableFuture<WebSocket> sent;
		try {
			sent = ws.sendText(text, true);
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenCompleteAsync((done, failure) -> {
			String next;
			synchronized (this.queue) {
				if (failure != null) {
					this.queue.clear();
				}
				next = this.queue.poll();
				if (next == null) {
					this.sending = false;
					return;
				}
			}
			write(next);
		}, this.executor);
	}

	/** Closes politely; the socket is aborted if the server does not answer. */
	void close() {
		WebSocket ws = this.webSocket;
		if (ws == null) {
			return;
		}
		this.open = false;
		try {
			ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
				.orTimeout(3, TimeUnit.SECONDS)
				.whenComplete((w, failure) -> ws.abort());
		}
		catch (RuntimeException ex) {
			ws.abort();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.webSocket = webSocket;
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long received = System.nanoTime();
		if (!last || !this.partial.isEmpty()) {
			this.partial.append(data);
			if (!last) {
				webSocket.request(1);
				return null;
			}
		}
		String text = this.partial.isEmpty() ? data.toString() : this.partial.toString();
		this.partial.setLength(0);
		if (DEBUG) {
			System.err.println("<< " + this.user + " " + text);
		}
		try {
			JsonNode frame = Json.read(text);
			String type = frame.path("type").asString("");
			if (!this.authed.isDone() && "a1".equals(frame.path("id").asString(null))) {
				if (type.equals("ack")) {
					this.authed.complete(received);
				}
				else {
					this.authed.completeExceptionally(new SocketFailure(
							"auth refused: " + frame.path("data").path("code").asString("?"), "AUTH_" + type));
				}
			}
			else {
				this.handler.onFrame(this, type, frame, received);
			}
		}
		catch (RuntimeException ex) {
			this.handler.onFrame(this, "unreadable", null, received);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.open = false;
		this.closeCode = statusCode;
		this.authed
			.completeExceptionally(new SocketFailure("closed " + statusCode + " " + reason, "CLOSED_" + statusCode));
		this.handler.onClosed(this, statusCode, reason);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		boolean wasOpen = this.open;
		this.open = false;
		this.closeCode = 1006;
		this.authed.completeExceptionally(error);
		if (wasOpen) {
			this.handler.onClosed(this, 1006, String.valueOf(error));
		}
	}

	/** A socket that failed, with a short reason to count failures by. */
	static final class SocketFailure extends RuntimeException {

		final String reason;

		SocketFailure(String message, String reason) {
			super(message, null, false, false);
			this.reason = reason;
		}

	}

	/** The short reason of a failed open, to count failures by. */
	static String reason(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof java.util.concurrent.CompletionException
				|| cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof SocketFailure socketFailure) {
			return socketFailure.reason;
		}
		if (cause instanceof java.util.concurrent.TimeoutException
				|| cause instanceof java.net.http.HttpTimeoutException) {
			return "TIMEOUT";
		}
		if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
			return "HANDSHAKE_" + handshake.getResponse().statusCode();
		}
		String name = cause.getClass().getSimpleName();
		String message = String.valueOf(cause.getMessage());
		if (message.contains("Too many open files")) {
			return "CLIENT_TOO_MANY_OPEN_FILES";
		}
		return name.isEmpty() ? "FAILED" : name;
	}

}
