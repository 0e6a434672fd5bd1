package dev.parley.signaling.socket;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.parley.signaling.SignalingServiceApplication;
import dev.parley.signaling.fanout.Broker;
import dev.parley.testsupport.InfrastructureInitializer;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica with small limits (5 sockets, 2 a user, 300 queued frames a socket, 5 frames
 * at once): one socket too many is refused with 4029 (4010 for one user), a client that
 * stops reading is cut off with its queue full while everyone else's frames flow, and a
 * client over its frame budget is refused, then closed if it goes on.
 */
class SocketLimitsIT {

	static ConfigurableApplicationContext replica;

	static int port;

	final TestTokens tokens = TestTokens.get();

	@BeforeAll
	static void start() {
		replica = new SpringApplicationBuilder(SignalingServiceApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--parley.socket.max-sockets=5", "--parley.socket.max-queued-frames=300",
					"--parley.socket.max-sockets-per-user=2", "--parley.socket.rates.frames-burst=5",
					"--parley.socket.rates.frames-per-second=0.5", "--parley.socket.rates.flood-tolerance=10");
		port = ((WebServerApplicationContext) replica).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		replica.close();
	}

	@Test
	void aSocketPastTheLimitIsRefusedWith4029AndOneMoreFitsOnceOneCloses() throws Exception {
		SocketEndpoint endpoint = replica.getBean(SocketEndpoint.class);
		await().until(() -> endpoint.open() == 0);
		List<SocketClient> held = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			held.add(SocketClient.connect(port, this.tokens.accessToken(UUID.randomUUID().toString())));
		}
		await().until(() -> endpoint.open() == 5);

		SocketClient refused = SocketClient.connect(port, this.tokens.accessToken(UUID.randomUUID().toString()));
		assertThat(refused.closeCode()).isEqualTo(4029);

		held.getFirst().close();
		await().until(() -> endpoint.open() == 4);
		SocketClient next = SocketClient.connect(port, this.tokens.accessToken(UUID.randomUUID().toString()));
		next.send("{\"type\":\"ping\",\"id\":\"p\"}");
		assertThat(next.expect("pong").path("id").asString()).isEqualTo("p");
		held.subList(1, held.size()).forEach(SocketClient::close);
		next.close();
		await().until(() -> endpoint.open() == 0);
	}

	@Test
	void aUsersSocketPastTheirLimitIsRefusedWith4010() throws Exception {
		String user = UUID.randomUUID().toString();
		SocketClient first = SocketClient.connect(port, this.tokens.accessToken(user));
		SocketClient second = SocketClient.connect(port, this.tokens.accessToken(user));
		first.send("{\"type\":\"ping\",\"id\":\"p\"}");
		first.expect("pong");
		second.send("{\"type\":\"ping\",\"id\":\"p\"}");
		second.expect("pong");

		SocketClient third = SocketClient.connect(port, this.tokens.accessToken(user));
		assertThat(third.closeCode()).isEqualTo(4010);
		SocketClient someoneElse = SocketClient.connect(port, this.tokens.accessToken(UUID.randomUUID().toString()));
		someoneElse.send("{\"type\":\"ping\",\"id\":\"p\"}");
		assertThat(someoneElse.expect("pong").path("id").asString()).isEqualTo("p");
		List.of(first, second, someoneElse).forEach(SocketClient::close);
	}

	@Test
	void framesOverTheBudgetAreRefusedAndASocketThatGoesOnIsClosedWith4009() throws Exception {
		SocketClient client = SocketClient.connect(port, this.tokens.accessToken(UUID.randomUUID().toString()));
		for (int i = 0; i < 5; i++) {
			String id = "p" + i;
			client.send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
			client.expect("pong", (frame) -> frame.path("id").asString().equals(id));
		}
		client.send("{\"type\":\"ping\",\"id\":\"over\"}");
		var refused = client.answerTo("over");
		assertThat(refused.path("data").path("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(refused.path("data").path("retryAfterMs").asLong()).isBetween(1L, 2000L);
		for (int i = 0; i < 10; i++) {
			client.send("{\"type\":\"ping\",\"id\":\"flood" + i + "\"}");
		}
		assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(4009);
	}

	@Test
	void framesThatCannotBeReadCountAgainstTheBudgetToo() throws Exception {
		SocketClient client = SocketClient.connect(port, null);
		for (int i = 0; i < 20; i++) {
			client.send("not json " + i);
		}
		assertThat(client.closeCode(Duration.ofSeconds(5))).isEqualTo(4009);
	}

	@Test
	void aClientThatStopsReadingIsCutOffWhileOthersGetEveryFrame() throws Exception {
		String slow = UUID.randomUUID().toString();
		String fast = UUID.randomUUID().toString();
		SessionHub hub = replica.getBean(SessionHub.class);
		Broker broker = replica.getBean(Broker.class);
		// Reads nothing after the upgrade, with a small receive window: frames pile up on
		// the server.
		Socket stuck = new Socket();
		stuck.setReceiveBufferSize(4096);
		stuck.connect(new InetSocketAddress("127.0.0.1", port));
		stuck.getOutputStream()
			.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
					+ "Authorization: Bearer " + this.tokens.accessToken(slow) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		SocketClient reader = SocketClient.connect(port, this.tokens.accessToken(fast));
		await().until(() -> hub.hasLocal(slow) && hub.hasLocal(fast));

		// 3,000 frames of 2 KiB: far more than the 300-frame queue plus what the kernel
		// and Netty buffer, yet well under Redis's 32 MB pub/sub output limit, which
		// would
		// (rightly) cut this node's subscription and resync every socket.
		String padding = "x".repeat(2 * 1024);
		for (int i = 0; i < 3000; i++) {
			broker.publish(List.of(slow, fast),
					"{\"type\":\"note\",\"data\":{\"n\":" + i + ",\"p\":\"" + padding + "\"}}");
		}

		for (int i = 0; i < 3000; i++) {
			int n = i;
			assertThat(reader.expect("note", (frame) -> frame.at("/data/n").asInt() == n)).isNotNull();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !hub.hasLocal(slow));
		assertThat(hub.hasLocal(fast)).isTrue();
		stuck.close();
		reader.close();
	}

}
