package dev.parley.signaling.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageEvents.Delivery;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.MessageEvents;
import dev.parley.signaling.SignalingServiceApplication;
import dev.parley.signaling.presence.FriendDirectory;
import dev.parley.testsupport.InfrastructureInitializer;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two signaling replicas in one test (the test's own and a second application context),
 * sharing real Redis and Kafka: deliveries find users wherever their sockets are, and a
 * replica that stops tells its sockets to reconnect elsewhere and hands its users over.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.presence.node-ttl=3s")
class ReplicasIT {

	@LocalServerPort
	int replica1;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	FriendDirectory friends;

	final JsonMapper json = JsonMapper.builder().build();

	ConfigurableApplicationContext second;

	int replica2;

	MessageTopics topics;

	@BeforeEach
	void startSecondReplica() {
		this.second = new SpringApplicationBuilder(SignalingServiceApplication.class)
			.initializers(new InfrastructureInitializer())
			.run("--server.port=0", "--parley.presence.node-ttl=3s", "--parley.presence.handover-grace=5s");
		this.replica2 = ((WebServerApplicationContext) this.second).getWebServer().getPort();
		this.topics = new MessageTopics(this.kafka);
	}

	@AfterEach
	void stop() {
		this.topics.close();
		if (this.second.isActive()) {
			this.second.close();
		}
	}

	@Test
	void aMessageFromReplicaOneReachesEveryDeviceOfItsRecipientOnBothReplicas() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		SocketClient adaOn1 = connect(this.replica1, ada);
		SocketClient boOn2 = connect(this.replica2, bo);
		SocketClient boOn1 = connect(this.replica1, bo);

		adaOn1.send(this.json.writeValueAsString(Map.of("type", "message.send", "id", "x1", "data",
				Map.of("conversationId", conversation, "clientMessageId", "c1", "text", "across"))));
		Origin origin = this.json.treeToValue(this.topics.command("x1").origin(), Origin.class);
		this.topics.publish(conversation, MessageEvents.MESSAGE_CREATED,
				new MessageEvents(
						List.of(new Delivery("message.new", List.of(ada, bo),
								Map.of("message", Map.of("id", "m1", "text", "across")))),
						Reply.ok(origin, Map.of("messageId", "m1"))));

		assertThat(adaOn1.expect("ack", (f) -> f.path("id").asString().equals("x1"))).isNotNull();
		for (SocketClient device : List.of(boOn2, boOn1, adaOn1)) {
			JsonNode frame = device.expect("message.new");
			assertThat(frame.at("/data/message/text").asString()).isEqualTo("across");
		}
		boOn2.expectNone("message.new", Duration.ofMillis(500));
	}

	@Test
	void aStoppingReplicaTellsItsSocketsToReconnectAndThoseWhoComeBackElsewhereNeverLookOffline() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		String cy = UUID.randomUUID().toString();
		this.friends.remember(ada, List.of(bo, cy));
		this.friends.remember(bo, List.of(ada));
		this.friends.remember(cy, List.of(ada));
		SocketClient boOn2 = connect(this.replica2, bo);
		SocketClient cyOn2 = connect(this.replica2, cy);
		SocketClient adaOn1 = connect(this.replica1, ada);
		for (String friend : List.of(bo, cy)) {
			adaOn1.expect("presence",
					(f) -> f.at("/data/userId").asString().equals(friend) && f.at("/data/online").asBoolean());
		}

		Instant stopping = Instant.now();
		CompletableFuture<Void> stopped = CompletableFuture.runAsync(this.second::close);
		assertThat(boOn2.closeCode(Duration.ofSeconds(10))).as("Bo's close code").isEqualTo(1012);
		assertThat(cyOn2.closeCode(Duration.ofSeconds(10))).as("Cy's close code").isEqualTo(1012);
		// Bo's client reconnects (the gateway would send it to the replica left); Cy's
		// does not.
		connect(this.replica1, bo);
		stopped.join();

		JsonNode cyOffline = adaOn1.expect("presence",
				(f) -> f.at("/data/userId").asString().equals(cy) && !f.at("/data/online").asBoolean());
		assertThat(Instant.parse(cyOffline.at("/data/lastSeenAt").asString())).as("Cy last seen")
			.isBetween(stopping.minusSeconds(1), Instant.now());
		adaOn1.expectNone("presence", (f) -> f.at("/data/userId").asString().equals(bo), Duration.ofSeconds(1));
	}

	private SocketClient connect(int port, String userId) throws InterruptedException {
		SocketClient client = SocketClient.connect(port, TestTokens.get().accessToken(userId));
		client.send("{\"type\":\"ping\",\"id\":\"sync\"}");
		client.expect("pong");
		return client;
	}

}
