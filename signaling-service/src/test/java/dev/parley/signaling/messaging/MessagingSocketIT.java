package dev.parley.signaling.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageEvents.Delivery;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.MessageEvents;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket side of messaging against real Redis and Kafka: frames become commands,
 * events become frames on every device and an answer on the one socket that asked. The
 * test stands where message-service stands, on the two topics.
 */
@ParleyIntegrationTest
class MessagingSocketIT {

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ConversationMembers members;

	final JsonMapper json = JsonMapper.builder().build();

	MessageTopics topics;

	@BeforeEach
	void topics() {
		this.topics = new MessageTopics(this.kafka);
	}

	@AfterEach
	void close() {
		this.topics.close();
	}

	@Test
	void aSendBecomesACommandKeyedByConversationAndItsEventReachesEveryDeviceWithTheAckOnlyOnTheSender()
			throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		SocketClient adaPhone = connect(ada);
		SocketClient adaLaptop = connect(ada);
		SocketClient boPhone = connect(bo);

		// Attachments are claimed at media-service first: none runs here, so that send
		// waits for a retry and goes nowhere.
		adaPhone.send(frame("message.send", "f0",
				Map.of("conversationId", conversation, "clientMessageId", "c0", "attachmentIds", List.of("m1"))));
		JsonNode unavailable = adaPhone.answerTo("f0");
		assertThat(unavailable.at("/data/code").asString()).isEqualTo("UNAVAILABLE");
		assertThat(unavailable.at("/data/retryable").asBoolean()).isTrue();
		adaPhone.send(frame("message.send", "f1",
				Map.of("conversationId", conversation, "clientMessageId", "c1", "text", "hi <b>Bo</b>")));
		MessageTopics.Command command = this.topics.command("f1");
		assertThat(command.key()).isEqualTo(conversation);
		assertThat(command.json().get("type").asString()).isEqualTo("message.send");
		assertThat(command.data().get("text").asString()).isEqualTo("hi <b>Bo</b>");
		assertThat(command.origin().get("userId").asString()).as("the user comes from the token").isEqualTo(ada);

		Origin origin = this.json.treeToValue(command.origin(), Origin.class);
		Map<String, Object> message = Map.of("id", "m-1", "conversationId", conversation, "text", "hi <b>Bo</b>");
		this.topics.publish(conversation, MessageEvents.MESSAGE_CREATED,
				new MessageEvents(List.of(new Delivery("message.new", List.of(ada, bo), Map.of("message", message))),
						Reply.ok(origin, Map.of("clientMessageId", "c1", "messageId", "m-1"))));

		JsonNode ack = adaPhone.expect("ack", (f) -> f.path("id").asString().equals("f1"));
		assertThat(ack.get("data").get("messageId").asString()).isEqualTo("m-1");
		for (SocketClient device : List.of(adaPhone, adaLaptop, boPhone)) {
			assertThat(device.expect("message.new").get("data").get("message").get("text").asString())
				.isEqualTo("hi <b>Bo</b>");
		}
		adaLaptop.expectNone("ack", Duration.ofMillis(500));
		boPhone.expectNone("ack", Duration.ofMillis(10));
	}

	@Test
	void anEventThatComesAgainIsDeliveredOnce() throws Exception {
		String bo = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		SocketClient boPhone = connect(bo);
		String eventId = UUID.randomUUID().toString();
		MessageEvents event = new MessageEvents(List.of(new Delivery("message.new", List.of(bo),
				Map.of("message", Map.of("id", "m-9", "conversationId", conversation, "text", "once")))), null);
		// The outbox relay timed out and sent it again.
		this.topics.publish(conversation, MessageEvents.MESSAGE_CREATED, event, eventId);
		this.topics.publish(conversation, MessageEvents.MESSAGE_CREATED, event, eventId);
		this.topics.publish(conversation, MessageEvents.MESSAGE_CREATED, event, UUID.randomUUID().toString());

		assertThat(boPhone.expect("message.new").at("/data/message/text").asString()).isEqualTo("once");
		assertThat(boPhone.expect("message.new").at("/data/message/text").asString()).as("the event with a new id")
			.isEqualTo("once");
		boPhone.expectNone("message.new", Duration.ofSeconds(1));
		assertThat(this.redis.hasKey(MessageEventsListener.DELIVERED_PREFIX + eventId)).isTrue();
	}

	@Test
	void aRefusalReachesTheSenderAsAnErrorForItsFrame() throws Exception {
		String eve = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		SocketClient socket = connect(eve);
		socket.send(frame("message.send", "f9",
				Map.of("conversationId", conversation, "clientMessageId", "c9", "text", "let me in")));
		Origin origin = this.json.treeToValue(this.topics.command("f9").origin(), Origin.class);
		this.topics.publish(conversation, MessageEvents.COMMAND_REPLIED,
				new MessageEvents(List.of(), Reply.error(origin, "NOT_A_MEMBER", "You are not a member.")));
		JsonNode error = socket.expect("error", (f) -> f.path("id").asString().equals("f9"));
		assertThat(error.get("data").get("code").asString()).isEqualTo("NOT_A_MEMBER");
	}

	@Test
	void aSocketWithTooManyCommandsWaitingForMessageServiceIsToldToRetryAndSendsAgainOnceOneIsAnswered()
			throws Exception {
		String ada = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		SocketClient socket = connect(ada);
		// Nothing answers them here, as when message-service is down.
		for (int i = 1; i <= 101; i++) {
			socket.send(frame("message.send", "f" + i,
					Map.of("conversationId", conversation, "clientMessageId", "c" + i, "text", "hello " + i)));
		}
		JsonNode refused = socket.answerTo("f101");
		assertThat(refused.at("/data/code").asString()).isEqualTo("UNAVAILABLE");
		assertThat(refused.at("/data/retryAfterMs").asLong()).isEqualTo(2000);

		Origin origin = this.json.treeToValue(this.topics.command("f1").origin(), Origin.class);
		this.topics.publish(conversation, MessageEvents.COMMAND_REPLIED, new MessageEvents(List.of(),
				Reply.ok(origin, Map.of("clientMessageId", "c1", "messageId", UUID.randomUUID().toString()))));
		assertThat(socket.answerTo("f1").path("type").asString()).isEqualTo("ack");
		socket.send(frame("message.send", "f102",
				Map.of("conversationId", conversation, "clientMessageId", "c102", "text", "after the answer")));
		assertThat(this.topics.command("f102").json().path("type").asString()).isEqualTo("message.send");
		socket.expectNone("error", (f) -> f.path("id").asString().equals("f102"), Duration.ofMillis(500));
	}

	@Test
	void editsRepliesAndReactionsBecomeCommandsOfTheirUser() throws Exception {
		String ada = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		String message = UUID.randomUUID().toString();
		SocketClient socket = connect(ada);
		socket.send(frame("message.edit", "e1",
				Map.of("conversationId", conversation, "messageId", message, "text", "fixed")));
		socket.send(frame("reaction.add", "r1",
				Map.of("conversationId", conversation, "messageId", message, "emoji", "👍")));
		socket.send(frame("reaction.remove", "r2",
				Map.of("conversationId", conversation, "messageId", message, "emoji", "👍")));
		socket.send(frame("message.send", "s1",
				Map.of("conversationId", conversation, "clientMessageId", "c1", "text", "re", "replyToId", message)));

		MessageTopics.Command edit = this.topics.command("e1");
		assertThat(edit.key()).isEqualTo(conversation);
		assertThat(edit.json().get("type").asString()).isEqualTo("message.edit");
		assertThat(edit.data().get("text").asString()).isEqualTo("fixed");
		assertThat(edit.origin().get("userId").asString()).isEqualTo(ada);
		for (String frameId : List.of("r1", "r2")) {
			MessageTopics.Command react = this.topics.command(frameId);
			assertThat(react.json().get("type").asString()).isEqualTo("message.react");
			assertThat(react.data().get("emoji").asString()).isEqualTo("👍");
			assertThat(react.data().get("add").asBoolean()).isEqualTo(frameId.equals("r1"));
		}
		assertThat(this.topics.command("s1").data().get("replyToId").asString()).isEqualTo(message);
	}

	@Test
	void framesOfTheWrongShapeAreRefusedAtOnceWithoutACommand() throws Exception {
		SocketClient socket = connect(UUID.randomUUID().toString());
		socket.send(frame("message.send", "a", Map.of("clientMessageId", "c")));
		socket.send(frame("message.send", "b", Map.of("conversationId", "not-a-uuid", "clientMessageId", "c")));
		socket
			.send(frame("message.send", "c", Map.of("conversationId", UUID.randomUUID().toString(), "text", "no id")));
		socket.send(frame("message.delete", "d", Map.of("conversationId", UUID.randomUUID().toString(), "messageId",
				UUID.randomUUID().toString(), "scope", "everybody")));
		socket.send(frame("read", "e", Map.of("conversationId", UUID.randomUUID().toString())));
		socket.send(frame("typing", "f", Map.of("conversationId", UUID.randomUUID().toString(), "active", "yes")));
		socket.send(frame("message.edit", "g",
				Map.of("conversationId", UUID.randomUUID().toString(), "messageId", UUID.randomUUID().toString())));
		socket.send(frame("reaction.add", "h", Map.of("conversationId", UUID.randomUUID().toString(), "messageId",
				UUID.randomUUID().toString(), "emoji", "")));
		socket.send(frame("message.send", "i", Map.of("conversationId", UUID.randomUUID().toString(), "clientMessageId",
				"c", "text", "re", "replyToId", "not-a-message-id")));
		for (String id : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")) {
			assertThat(socket.expect("error", (f) -> f.path("id").asString().equals(id))
				.get("data")
				.get("code")
				.asString()).isEqualTo("VALIDATION_FAILED");
		}
	}

	@Test
	void typingGoesToTheOtherMembersOnlyAndNonMembersAreRefused() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		String eve = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		// What message-service answered about the members, as cached for every replica.
		this.redis.opsForSet().add(ConversationMembers.KEY_PREFIX + conversation, ada, bo);
		SocketClient adaSocket = connect(ada);
		SocketClient boSocket = connect(bo);
		SocketClient eveSocket = connect(eve);

		adaSocket.send(frame("typing", "t1", Map.of("conversationId", conversation, "active", true)));
		assertThat(adaSocket.expect("ack", (f) -> f.path("id").asString().equals("t1"))).isNotNull();
		JsonNode typing = boSocket.expect("typing");
		assertThat(typing.get("data").get("userId").asString()).isEqualTo(ada);
		assertThat(typing.get("data").get("active").asBoolean()).isTrue();
		adaSocket.expectNone("typing", Duration.ofMillis(300));

		eveSocket.send(frame("typing", "t2", Map.of("conversationId", conversation, "active", true)));
		assertThat(eveSocket.expect("error", (f) -> f.path("id").asString().equals("t2"))
			.get("data")
			.get("code")
			.asString()).isEqualTo("NOT_A_MEMBER");
		boSocket.expectNone("typing", Duration.ofMillis(500));

		// A change to the conversation forgets the cached members.
		this.topics.publish(conversation, MessageEvents.CONVERSATION_UPDATED, new MessageEvents(List.of(), null));
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !this.redis.hasKey(ConversationMembers.KEY_PREFIX + conversation));
	}

	@Test
	void inAGroupTypingIsNotShownToThoseWhoBlockedTheTypist() throws Exception {
		String ada = UUID.randomUUID().toString();
		String bo = UUID.randomUUID().toString();
		String cy = UUID.randomUUID().toString();
		String conversation = UUID.randomUUID().toString();
		// As cached from message-service's answer: cy blocked bo.
		this.redis.opsForSet()
			.add(ConversationMembers.KEY_PREFIX + conversation, ada, bo, cy, ConversationMembers.BLOCK + cy + ">" + bo);
		SocketClient adaSocket = connect(ada);
		SocketClient boSocket = connect(bo);
		SocketClient cySocket = connect(cy);

		boSocket.send(frame("typing", "t1", Map.of("conversationId", conversation, "active", true)));
		assertThat(adaSocket.expect("typing").at("/data/userId").asString()).isEqualTo(bo);
		cySocket.expectNone("typing", Duration.ofMillis(500));

		cySocket.send(frame("typing", "t2", Map.of("conversationId", conversation, "active", true)));
		assertThat(boSocket.expect("typing").at("/data/userId").asString()).as("the blocker is not hidden")
			.isEqualTo(cy);
	}

	@Test
	void membersLookedUpWhileTheConversationChangedAreNotCached() {
		String conversation = UUID.randomUUID().toString();
		String key = ConversationMembers.KEY_PREFIX + conversation;
		List<String> oldMembers = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
		// A lookup starts; while message-service answers, the conversation changes.
		String lookupStartedAt = this.members.generation(conversation);
		this.topics.publish(conversation, MessageEvents.CONVERSATION_UPDATED, new MessageEvents(List.of(), null));
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !this.members.generation(conversation).equals(lookupStartedAt));

		assertThat(this.members.store(conversation, lookupStartedAt, oldMembers)).isFalse();
		assertThat(this.redis.hasKey(key)).as("the old members are not put back").isFalse();
		assertThat(this.members.store(conversation, this.members.generation(conversation), oldMembers)).isTrue();
		assertThat(this.redis.opsForSet().members(key)).containsExactlyInAnyOrderElementsOf(oldMembers);
	}

	private SocketClient connect(String userId) throws InterruptedException {
		SocketClient client = SocketClient.connect(this.port, TestTokens.get().accessToken(userId));
		client.send("{\"type\":\"ping\",\"id\":\"sync\"}");
		client.expect("pong");
		return client;
	}

	private String frame(String type, String id, Map<String, Object> data) {
		return this.json.writeValueAsString(Map.of("type", type, "id", id, "data", data));
	}

}
