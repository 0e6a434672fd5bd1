package dev.parley.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.testsupport.SocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messaging over the whole stack with two signaling replicas: sockets opened on each
 * replica's own port (so the test decides who is where), message-service, Kafka, Redis
 * and PostgreSQL all real.
 */
@ExtendWith(E2eSuite.class)
class LiveMessagingE2EIT {

	static final String REPLICA_1 = "signaling-service";

	static final String REPLICA_2 = "signaling-service-2";

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aMessageSentOnOneReplicaReachesTheRecipientOnTheOtherAndEveryDeviceOnce() throws Exception {
		Accounts.Session ada = this.accounts.signIn(this.accounts.register("ada"));
		Accounts.Session bo = this.accounts.signIn(this.accounts.register("bo"));
		this.accounts.befriend(ada, bo);
		String conversation = this.accounts.direct(ada, bo);
		SocketClient adaOn1 = connect(REPLICA_1, ada);
		SocketClient boOn2 = connect(REPLICA_2, bo);
		SocketClient boOn1 = connect(REPLICA_1, bo);

		adaOn1.send(frame("message.send", "s1",
				Map.of("conversationId", conversation, "clientMessageId", "c-1", "text", "hello across replicas")));
		JsonNode ack = adaOn1.expect("ack", (f) -> f.path("id").asString().equals("s1"));
		String messageId = ack.at("/data/messageId").asString();
		assertThat(ack.at("/data/clientMessageId").asString()).isEqualTo("c-1");
		for (SocketClient device : List.of(boOn2, boOn1, adaOn1)) {
			JsonNode delivered = device.expect("message.new");
			assertThat(delivered.at("/data/message/id").asString()).isEqualTo(messageId);
			assertThat(delivered.at("/data/message/text").asString()).isEqualTo("hello across replicas");
		}

		// Sent again (a client that never saw the ack): the same message, not a second
		// one.
		adaOn1.send(frame("message.send", "s2",
				Map.of("conversationId", conversation, "clientMessageId", "c-1", "text", "hello across replicas")));
		assertThat(adaOn1.expect("ack", (f) -> f.path("id").asString().equals("s2")).at("/data/messageId").asString())
			.isEqualTo(messageId);
		boOn2.expectNone("message.new", Duration.ofSeconds(1));

		boOn2.send(frame("read", "r1", Map.of("conversationId", conversation, "messageId", messageId)));
		JsonNode read = adaOn1.expect("read.updated");
		assertThat(read.at("/data/userId").asString()).isEqualTo(bo.id());
		boOn2.send(frame("typing", "t1", Map.of("conversationId", conversation, "active", true)));
		assertThat(adaOn1.expect("typing").at("/data/userId").asString()).isEqualTo(bo.id());

		adaOn1.send(frame("message.delete", "d1",
				Map.of("conversationId", conversation, "messageId", messageId, "scope", "everyone")));
		assertThat(boOn1.expect("message.deleted").at("/data/messageId").asString()).isEqualTo(messageId);
		assertThat(boOn2.expect("message.deleted").at("/data/messageId").asString()).isEqualTo(messageId);
		JsonNode history = this.accounts
			.json(this.accounts.call(bo, "GET", "/api/conversations/" + conversation + "/messages", null));
		assertThat(history.at("/items/0/deleted").asBoolean()).isTrue();
		assertThat(history.get("items")).hasSize(1);
	}

	@Test
	void aStrangerCannotSendTypeOrReadIntoAConversation() throws Exception {
		Accounts.Session ada = this.accounts.signIn(this.accounts.register("ada"));
		Accounts.Session bo = this.accounts.signIn(this.accounts.register("bo"));
		Accounts.Session eve = this.accounts.signIn(this.accounts.register("eve"));
		this.accounts.befriend(ada, bo);
		String conversation = this.accounts.direct(ada, bo);
		SocketClient eveSocket = connect(REPLICA_2, eve);
		SocketClient boSocket = connect(REPLICA_1, bo);
		eveSocket.send(frame("message.send", "e1",
				Map.of("conversationId", conversation, "clientMessageId", "e-1", "text", "let me in")));
		eveSocket.send(frame("typing", "e2", Map.of("conversationId", conversation, "active", true)));
		assertThat(eveSocket.expect("error", (f) -> f.path("id").asString().equals("e1")).at("/data/code").asString())
			.isEqualTo("NOT_A_MEMBER");
		assertThat(eveSocket.expect("error", (f) -> f.path("id").asString().equals("e2")).at("/data/code").asString())
			.isEqualTo("NOT_A_MEMBER");
		boSocket.expectNone("message.new", Duration.ofSeconds(1));
		boSocket.expectNone("typing", Duration.ofMillis(10));
	}

	@Test
	void afterABlockNeitherSideCanTypeIntoTheirDirectConversation() throws Exception {
		Accounts.Session ada = this.accounts.signIn(this.accounts.register("ada"));
		Accounts.Session bo = this.accounts.signIn(this.accounts.register("bo"));
		this.accounts.befriend(ada, bo);
		String conversation = this.accounts.direct(ada, bo);
		SocketClient adaSocket = connect(REPLICA_1, ada);
		SocketClient boSocket = connect(REPLICA_2, bo);
		// Typing works, and the members are now cached for both replicas.
		boSocket.send(frame("typing", "t1", Map.of("conversationId", conversation, "active", true)));
		assertThat(adaSocket.expect("typing").at("/data/userId").asString()).isEqualTo(bo.id());

		assertThat(this.accounts.call(ada, "PUT", "/api/blocks/" + bo.id(), null).statusCode()).isEqualTo(204);
		// The block reaches message-service as an event; until then typing may still
		// pass.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			String id = "t-" + UUID.randomUUID();
			boSocket.send(frame("typing", id, Map.of("conversationId", conversation, "active", true)));
			assertThat(boSocket.answerTo(id).at("/data/code").asString()).isEqualTo("BLOCKED");
		});
		adaSocket.send(frame("typing", "t2", Map.of("conversationId", conversation, "active", true)));
		assertThat(adaSocket.answerTo("t2").at("/data/code").asString()).isEqualTo("BLOCKED");
		// What Bo typed before the block took effect may still be on its way to Ada.
		Thread.sleep(1000);
		adaSocket.discard("typing");
		boSocket.send(frame("typing", "t3", Map.of("conversationId", conversation, "active", true)));
		assertThat(boSocket.answerTo("t3").at("/data/code").asString()).isEqualTo("BLOCKED");
		adaSocket.expectNone("typing", Duration.ofMillis(500));
	}

	@Test
	void whenAReplicaCrashesItsUsersGoOfflineForFriendsOnTheOtherTheLauncherStartsItAgainAndTheyComeBack()
			throws Exception {
		Accounts.Session ada = this.accounts.signIn(this.accounts.register("ada"));
		Accounts.Session bo = this.accounts.signIn(this.accounts.register("bo"));
		this.accounts.befriend(ada, bo);
		SocketClient adaOn1 = connect(REPLICA_1, ada);
		connect(REPLICA_2, bo);
		adaOn1.expect("presence",
				(f) -> f.at("/data/userId").asString().equals(bo.id()) && f.at("/data/online").asBoolean());
		JsonNode friends = this.accounts.json(this.accounts.call(ada, "GET", "/api/friends", null));
		assertThat(friends.at("/items/0/presence/online").asBoolean()).as("presence in the friends list").isTrue();
		try {
			E2eSuite.get().crash(REPLICA_2);
			// Not the snapshot Ada got on connecting: the change, with the time Bo was
			// last seen.
			JsonNode offline = adaOn1.expect("presence", (f) -> f.at("/data/userId").asString().equals(bo.id())
					&& !f.at("/data/online").asBoolean() && f.at("/data/lastSeenAt").isString());
			assertThat(Instant.parse(offline.at("/data/lastSeenAt").asString())).isBefore(Instant.now());
		}
		finally {
			// Nobody restarts it: the launcher's supervisor does.
			assertThat(E2eSuite.get().awaitRunning(REPLICA_2, Duration.ofMinutes(2))).as("restarts").isPositive();
		}
		// Bo's client reconnects (to whichever replica): online again for Ada.
		connect(REPLICA_2, bo);
		adaOn1.expect("presence",
				(f) -> f.at("/data/userId").asString().equals(bo.id()) && f.at("/data/online").asBoolean());
	}

	static SocketClient connect(String replica, Accounts.Session session) throws InterruptedException {
		SocketClient client = SocketClient.connect(E2eSuite.port(replica), session.token());
		client.send("{\"type\":\"ping\",\"id\":\"sync-" + UUID.randomUUID() + "\"}");
		client.expect("pong");
		return client;
	}

	private String frame(String type, String id, Map<String, Object> data) {
		return this.json.writeValueAsString(Map.of("type", type, "id", id, "data", data));
	}

}
