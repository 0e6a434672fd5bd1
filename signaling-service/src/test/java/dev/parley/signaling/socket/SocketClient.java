package dev.parley.signaling.socket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real WebSocket client for the tests (the JDK's), collecting the frames it receives.
 */
public final class SocketClient implements WebSocket.Listener {

	final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

	final StringBuilder partial = new StringBuilder();

	WebSocket socket;

	public static SocketClient connect(int port, String token) {
		String query = (token != null) ? "?access_token=" + token : "";
		SocketClient client = new SocketClient();
		client.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), client)
			.join();
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
		Integer code = this.closes.poll(5, TimeUnit.SECONDS);
		assertThat(code).as("the socket closed within 5 s").isNotNull();
		return code;
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

}
