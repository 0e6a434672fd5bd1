package dev.parley.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real WebSocket client for the tests (the JDK's), collecting the frames it receives.
 */
public final class SocketClient implements WebSocket.Listener {

	final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

	final StringBuilder partial = new StringBuilder();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The close code for a connection that ended without a close frame. */
	public static final int ABNORMAL_CLOSURE = 1006;

	private static final Set<String> ANSWERS = Set.of("ack", "error");

	private final List<JsonNode> backlog = new CopyOnWriteArrayList<>();

	WebSocket socket;

	public static SocketClient connect(int port, String token) {
		return connect("ws://127.0.0.1:" + port, token);
	}

	/** To {@code <base>/ws}, e.g. {@code ws://127.0.0.1:8080} (the gateway). */
	public static SocketClient connect(String base, String token) {
		SocketClient client = new SocketClient();
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		client.socket = builder.buildAsync(URI.create(base + "/ws"), client).join();
		return client;
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	/** The next frame, failing after 5 s. */
	public String next() throws InterruptedException {
		return next(Duration.ofSeconds(5));
	}

	public String next(Duration timeout) throws InterruptedException {
		String frame = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(frame).as("a frame within " + timeout).isNotNull();
		return frame;
	}

	/** The next frame, or null when none comes within the time. */
	public String poll(Duration timeout) throws InterruptedException {
		return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	public int closeCode() throws InterruptedException {
		return closeCode(Duration.ofSeconds(5));
	}

	/** The close code if the socket closes within the time, else null. */
	public Integer closeCodeOrNull(Duration within) throws InterruptedException {
		return this.closes.poll(within.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Drops the connection at once, without a closing handshake. */
	public void abort() {
		this.socket.abort();
	}

	public int closeCode(Duration within) throws InterruptedException {
		Integer code = this.closes.poll(within.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(code).as("the socket closed within " + within).isNotNull();
		return code;
	}

	/**
	 * The first frame of the type that matches, from those received so far or within 20
	 * s; frames passed over stay available to later calls.
	 */
	public JsonNode expect(String type, Predicate<JsonNode> where) throws InterruptedException {
		return first((frame) -> frame.path("type").asString().equals(type) && where.test(frame),
				"No " + type + " frame matched");
	}

	public JsonNode expect(String type) throws InterruptedException {
		return expect(type, (frame) -> true);
	}

	/** The {@code ack} or {@code error} answering the frame with this id. */
	public JsonNode answerTo(String frameId) throws InterruptedException {
		return first((frame) -> ANSWERS.contains(frame.path("type").asString())
				&& frame.path("id").asString().equals(frameId), "No answer to frame " + frameId);
	}

	private JsonNode first(Predicate<JsonNode> matching, String failure) throws InterruptedException {
		for (JsonNode frame : this.backlog) {
			if (matching.test(frame)) {
				this.backlog.remove(frame);
				return frame;
			}
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			String text = this.frames.poll(100, TimeUnit.MILLISECONDS);
			if (text == null) {
				continue;
			}
			JsonNode frame = JSON.readTree(text);
			if (matching.test(frame)) {
				return frame;
			}
			this.backlog.add(frame);
		}
		throw new AssertionError(failure + " within 20 s; got " + this.backlog);
	}

	/** Forgets every frame of the type received so far. */
	public void discard(String type) {
		for (String text = this.frames.poll(); text != null; text = this.frames.poll()) {
			this.backlog.add(JSON.readTree(text));
		}
		this.backlog.removeIf((frame) -> frame.path("type").asString().equals(type));
	}

	/**
	 * Asserts that no frame of the type that matches came so far or arrives within the
	 * time.
	 */
	public void expectNone(String type, Predicate<JsonNode> where, Duration within) throws InterruptedException {
		Predicate<JsonNode> matching = (frame) -> frame.path("type").asString().equals(type) && where.test(frame);
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			String text = this.frames.poll(50, TimeUnit.MILLISECONDS);
			if (text != null) {
				this.backlog.add(JSON.readTree(text));
			}
		}
		assertThat(this.backlog).noneMatch(matching);
	}

	/** Asserts that no frame of the type arrives within the time. */
	public void expectNone(String type, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			String text = this.frames.poll(50, TimeUnit.MILLISECONDS);
			if (text != null) {
				JsonNode frame = JSON.readTree(text);
				assertThat(frame.path("type").asString()).as("frame " + text).isNotEqualTo(type);
				this.backlog.add(frame);
			}
		}
		assertThat(this.backlog).noneMatch((f) -> f.path("type").asString().equals(type));
	}

	public void close() {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.frames.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closes.add(statusCode);
		return null;
	}

	/**
	 * The connection broke without a close frame (reset, for one: a server that closes
	 * while the client's frame is still unread resets the connection, and the close frame
	 * it sent may be lost): recorded as 1006, the code a browser reports.
	 */
	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closes.add(ABNORMAL_CLOSURE);
	}

}
