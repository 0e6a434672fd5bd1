package dev.parley.signaling.fanout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.embedded.EmbeddedRedisServer;
import dev.parley.embedded.Ports;
import dev.parley.signaling.SignalingServiceApplication;
import dev.parley.signaling.socket.SessionHub;
import dev.parley.testsupport.InfrastructureInitializer;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan-out against real Redis: no socket's arrival or departure breaks delivery for
 * anyone, a connect storm is served whole, and a Redis restart under open sockets is
 * survived (the sockets reconnect and deliveries resume).
 */
@ParleyIntegrationTest
class FanoutIT {

	@LocalServerPort
	int port;

	@Autowired
	Broker broker;

	@Autowired
	SessionHub hub;

	@Autowired
	NodeLink link;

	@Autowired
	StringRedisTemplate redis;

	final TestTokens tokens = TestTokens.get();

	@Test
	void aReplicaWhoseSocketsAllClosedServesTheNextSocket() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		SocketClient first = SocketClient.connect(this.port, this.tokens.accessToken(ada));
		SocketClient second = SocketClient.connect(this.port, this.tokens.accessToken(bo));
		await().until(() -> this.hub.hasLocal(ada) && this.hub.hasLocal(bo));
		first.close();
		second.close();
		await().until(() -> !this.hub.hasLocal(ada) && !this.hub.hasLocal(bo));

		String cy = UUID.randomUUID().toString();
		SocketClient third = authenticated(cy);
		SocketClient adaAgain = authenticated(ada);
		this.broker.publish(List.of(cy, ada), "{\"type\":\"note\",\"data\":{\"n\":1}}");

		assertThat(third.expect("note").at("/data/n").asInt()).isEqualTo(1);
		assertThat(adaAgain.expect("note").at("/data/n").asInt()).isEqualTo(1);
	}

	@Test
	void redisConnectionsClosedOnPurposeDoNotCloseSockets() throws Exception {
		String ada = UUID.randomUUID().toString();
		SocketClient watcher = authenticated(ada);
		// A pipeline runs on a connection of its own, closed afterwards (as presence's
		// lookups do): that is no lost connection, so no frames were lost.
		for (int i = 0; i < 10; i++) {
			this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				connection.ping();
				return null;
			});
		}
		long probe = this.link.lastProbe();
		await().until(() -> this.link.lastProbe() > probe + 3);

		this.broker.publish(ada, "{\"type\":\"note\",\"data\":{\"n\":4}}");
		assertThat(watcher.expect("note").at("/data/n").asInt()).isEqualTo(4);
	}

	@Test
	void eachKeyedGroupGoesOutOnceAndItsKeyIsNotedWithItsFrames() throws Exception {
		String ada = UUID.randomUUID().toString();
		SocketClient socket = authenticated(ada);
		String first = "parley:test-once:" + UUID.randomUUID();
		String second = "parley:test-once:" + UUID.randomUUID();

		boolean[] sent = this.broker.publishOnce(Duration.ofSeconds(30),
				List.of(new Broker.Once(first, List.of(note(ada, 1), note(ada, 2))),
						new Broker.Once(second, List.of(note(ada, 3)))));
		assertThat(sent).containsExactly(true, true);
		assertThat(this.redis.getExpire(first, TimeUnit.SECONDS)).isBetween(1L, 30L);

		// Again, and across script runs: a hundred and fifty groups of two.
		List<Broker.Once> groups = new ArrayList<>();
		groups.add(new Broker.Once(first, List.of(note(ada, 1), note(ada, 2))));
		for (int i = 0; i < 150; i++) {
			groups.add(new Broker.Once("parley:test-once:" + UUID.randomUUID(),
					List.of(note(ada, 10 + 2 * i), note(ada, 11 + 2 * i))));
		}
		groups.add(new Broker.Once(second, List.of(note(ada, 3))));
		sent = this.broker.publishOnce(Duration.ofSeconds(30), groups);
		assertThat(sent[0]).isFalse();
		assertThat(sent[sent.length - 1]).isFalse();
		assertThat(Arrays.copyOfRange(sent, 1, sent.length - 1)).containsOnly(true);

		List<Integer> received = new ArrayList<>();
		for (int i = 0; i < 3 + 300; i++) {
			received.add(socket.expect("note").at("/data/n").asInt());
		}
		List<Integer> expected = new ArrayList<>(List.of(1, 2, 3));
		for (int i = 0; i < 300; i++) {
			expected.add(10 + i);
		}
		assertThat(received).isEqualTo(expected);
		socket.expectNone("note", Duration.ofMillis(500));
	}

	private static Broker.Delivery note(String userId, int n) {
		return Broker.Delivery.toAll(List.of(userId), "{\"type\":\"note\",\"data\":{\"n\":" + n + "}}");
	}

	@Test
	void aThousandSocketsConnectingAtOnceAllReceive() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		Map<String, CompletableFuture<String>> received = new ConcurrentHashMap<>();
		Map<String, CompletableFuture<Void>> acked = new ConcurrentHashMap<>();
		List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String user = UUID.randomUUID().toString();
			received.put(user, new CompletableFuture<>());
			acked.put(user, new CompletableFuture<>());
			String auth = "{\"type\":\"auth\",\"id\":\"a\",\"data\":{\"token\":\"" + this.tokens.accessToken(user)
					+ "\"}}";
			sockets.add(http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws"),
						new Recorder(acked.get(user), received.get(user)))
				.thenCompose((socket) -> socket.sendText(auth, true)));
		}
		CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		CompletableFuture.allOf(acked.values().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		this.broker.publish(received.keySet(), "{\"type\":\"note\",\"data\":{\"n\":2}}");

		CompletableFuture.allOf(received.values().toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(received.values()).allSatisfy((frame) -> assertThat(frame.join()).contains("\"n\":2"));
		sockets.forEach((socket) -> socket.join().abort());
	}

	@Test
	void afterRedisRestartsUnderOpenSocketsTheyReconnectAndDeliveriesResume() throws Exception {
		int redisPort = Ports.free();
		EmbeddedRedisServer redis = EmbeddedRedisServer.start(redisPort);
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(SignalingServiceApplication.class)
			.initializers(new InfrastructureInitializer(),
					(context) -> TestPropertyValues.of("spring.data.redis.port=" + redisPort).applyTo(context))
			.run("--server.port=0");
		try {
			int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
			Broker broker = replica.getBean(Broker.class);
			String ada = UUID.randomUUID().toString();
			SocketClient before = authenticated(port, ada);

			redis.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> !broker.deliverable());
			redis = EmbeddedRedisServer.start(redisPort);

			// Frames sent while Redis was away are lost to pub/sub: the socket is told to
			// reconnect and catch up.
			assertThat(before.closeCode(Duration.ofSeconds(20))).isEqualTo(1012);
			await().atMost(Duration.ofSeconds(20)).until(broker::deliverable);
			SocketClient after = authenticated(port, ada);
			broker.publish(ada, "{\"type\":\"note\",\"data\":{\"n\":3}}");
			assertThat(after.expect("note").at("/data/n").asInt()).isEqualTo(3);
		}
		finally {
			replica.close();
			redis.close();
		}
	}

	private SocketClient authenticated(String userId) throws InterruptedException {
		return authenticated(this.port, userId);
	}

	private SocketClient authenticated(int port, String userId) throws InterruptedException {
		SocketClient client = SocketClient.connect(port, null);
		client
			.send("{\"type\":\"auth\",\"id\":\"a1\",\"data\":{\"token\":\"" + this.tokens.accessToken(userId) + "\"}}");
		assertThat(client.answerTo("a1").path("type").asString()).isEqualTo("ack");
		return client;
	}

	/** Completes on the auth ack, then on the first other frame. */
	private record Recorder(CompletableFuture<Void> acked,
			CompletableFuture<String> received) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			String frame = data.toString();
			if (frame.contains("\"type\":\"ack\"")) {
				this.acked.complete(null);
			}
			else {
				this.received.complete(frame);
			}
			socket.request(1);
			return null;
		}

	}

}
