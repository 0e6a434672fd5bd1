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

import dev.parley.embedded.test.InfrastructureInitializer;
import dev.parley.embedded.test.SocketClient;
import dev.parley.embedded.test.TestTokens;
import dev.parley.signaling.SignalingServiceApplication;
import dev.parley.signaling.fanout.Broker;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica with small limits (5 sockets, 300 queued frames a socket): one socket too
 * many is refused with 4029, and a client that stops reading is cut off with its queue
 * full while everyone else's frames flow.
 */
class SocketLimitsIT {

	static ConfigurableApplicationContext replica;

	static int port;

	final TestTokens tokens = TestTokens.get();

	@BeforeAll
	static void start() {
		replica = new SpringApplicationBuilder(SignalingServiceApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--parley.socket.max-sockets=5", "--parley.socket.max-queued-frames=300");
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
