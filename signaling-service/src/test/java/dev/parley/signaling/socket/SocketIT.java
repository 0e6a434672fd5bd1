package dev.parley.signaling.socket;

import dev.parley.embedded.test.SocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.parley.embedded.test.ParleyIntegrationTest;
import dev.parley.embedded.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The socket endpoint over a real WebSocket connection: authenticated upgrade, ping/pong,
 * and error frames that leave the socket open.
 */
@ParleyIntegrationTest
class SocketIT {

	@LocalServerPort
	int port;

	final TestTokens tokens = TestTokens.get();

	@Test
	void upgradeWithoutAValidTokenIsRefusedWith401() {
		assertHandshakeStatus(null, 401);
		assertHandshakeStatus(this.tokens.expired("u1"), 401);
		assertHandshakeStatus(this.tokens.unsigned("u1"), 401);
	}

	@Test
	void pingIsAnsweredWithPongCarryingTheFrameId() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"ping\",\"id\":\"f1\"}");
		assertThat(client.next()).contains("\"type\":\"pong\"").contains("\"id\":\"f1\"");
	}

	@Test
	void unparseableFrameGetsAnErrorWithoutIdAndTheSocketStaysOpen() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("this is not json");
		String error = client.next();
		assertThat(error).contains("\"type\":\"error\"").contains("\"code\":\"BAD_FRAME\"").doesNotContain("\"id\"");
		client.send("null");
		assertThat(client.next()).contains("\"code\":\"BAD_FRAME\"");
		client.send("{\"id\":\"f9\"}");
		assertThat(client.next()).contains("\"code\":\"BAD_FRAME\"").contains("\"id\":\"f9\"");
		client.send("{\"type\":\"ping\",\"id\":\"f2\"}");
		assertThat(client.next()).contains("\"type\":\"pong\"");
	}

	@Test
	void unknownTypeGetsAnErrorForThatFrame() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"teleport\",\"id\":\"f3\",\"data\":{}}");
		assertThat(client.next()).contains("\"type\":\"error\"")
			.contains("\"id\":\"f3\"")
			.contains("\"code\":\"UNKNOWN_TYPE\"");
	}

	@Test
	void aFrameOverTheSizeLimitClosesTheSocketWith1009() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"ping\",\"data\":\"" + "x".repeat(SocketConfiguration.MAX_FRAME_BYTES + 10) + "\"}");
		assertThat(client.closeCode()).isEqualTo(1009);
	}

	@Test
	void whenItsTokenExpiresTheSocketClosesWith4001() throws Exception {
		String userId = UUID.randomUUID().toString();
		String shortLived = this.tokens.signed(TestTokens.claims(userId, Duration.ofSeconds(2)));
		SocketClient client = connect(shortLived);
		client.send("{\"type\":\"ping\",\"id\":\"before\"}");
		assertThat(client.next()).contains("pong");
		assertThat(client.closeCode()).isEqualTo(4001);
	}

	private void assertHandshakeStatus(String token, int status) {
		assertThatThrownBy(() -> connect(token)).hasCauseInstanceOf(WebSocketHandshakeException.class)
			.satisfies((ex) -> assertThat(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode())
				.isEqualTo(status));
	}

	private SocketClient connect(String token) {
		return SocketClient.connect(this.port, token);
	}

}
