package dev.parley.message.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.platform.events.MessageCommands.DeleteMessage;
import dev.parley.platform.events.MessageCommands.MarkRead;
import dev.parley.platform.events.MessageCommands.RecordCall;
import dev.parley.platform.events.MessageCommands.SendMessage;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.Topics;
import dev.parley.testsupport.TopicProbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Socket frames as commands on Kafka, and what comes out on the events topic. */
class CommandPipelineIT extends MessageServiceIntegrationTest {

	@Test
	void concurrentSendsGetOneGaplessOrderThatTheEventsFollow() throws Exception {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String id = group(ada, bo, cy);
		List<Person> senders = List.of(ada, bo, cy);
		try (var pool = Executors.newFixedThreadPool(6)) {
			// Half over the socket path (Kafka), half over REST, all at once.
			IntStream.range(0, 60).forEach((i) -> pool.submit(() -> {
				Person from = senders.get(i % 3);
				if (i % 2 == 0) {
					command(id, SendMessage.TYPE,
							new SendMessage(id, "k" + i, "n" + i, List.of(), null, origin(from, "f" + i)));
				}
				else {
					post(from, "/api/conversations/" + id + "/messages",
							Map.of("clientMessageId", "k" + i, "text", "n" + i));
				}
			}));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from message where conversation_id = '" + id + "'") == 60);
		assertThat(this.jdbc.sql("select seq from message where conversation_id = :c::uuid order by seq")
			.param("c", id)
			.query(Long.class)
			.list()).isEqualTo(IntStream.rangeClosed(1, 60).mapToObj(Long::valueOf).toList());

		List<Long> delivered = await().atMost(Duration.ofSeconds(30))
			.until(() -> events().stream()
				.filter((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED))
				.map((e) -> e.data().get("deliveries").get(0).get("data").get("message").get("seq").asLong())
				.toList(), (seqs) -> seqs.size() == 60);
		assertThat(delivered).as("events of one conversation arrive in message order").isSorted();
		JsonNode someDelivery = events().stream()
			.filter((e) -> e.type().equals(MessageEvents.MESSAGE_CREATED))
			.findFirst()
			.orElseThrow()
			.data()
			.get("deliveries")
			.get(0);
		assertThat(someDelivery.get("frame").asString()).isEqualTo("message.new");
		assertThat(someDelivery.get("to")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder(ada.id(), bo.id(), cy.id());
	}

	@Test
	void aCallIsRecordedOnceInItsConversationAsAMessageOfKindCallFromTheCaller() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		RecordCall call = new RecordCall(id, "call-1234abcd", ada.id(), bo.id(), "video", "completed", 192, null);
		command(id, RecordCall.TYPE, call);
		command(id, RecordCall.TYPE, call);
		command(id, RecordCall.TYPE,
				new RecordCall(id, "call-missed01", ada.id(), bo.id(), "audio", "missed", 0, null));

		JsonNode page = await().atMost(Duration.ofSeconds(30))
			.until(() -> get(bo, "/api/conversations/" + id + "/messages").json().get("items"),
					(items) -> items.size() == 2);
		JsonNode completed = page.get(1);
		assertThat(completed.get("kind").asString()).isEqualTo("call");
		assertThat(completed.get("senderId").asString()).isEqualTo(ada.id());
		assertThat(completed.get("call").get("media").asString()).isEqualTo("video");
		assertThat(completed.get("call").get("outcome").asString()).isEqualTo("completed");
		assertThat(completed.get("call").get("durationSeconds").asLong()).isEqualTo(192);
		assertThat(completed.get("call").has("participantIds")).isFalse();
		assertThat(page.get(0).get("call").get("outcome").asString()).isEqualTo("missed");
		// Counted like a message: unread for the callee, read for the caller.
		JsonNode forBo = get(bo, "/api/conversations/" + id).json();
		assertThat(forBo.get("unreadCount").asInt()).isEqualTo(2);
		assertThat(get(ada, "/api/conversations/" + id).json().get("unreadCount").asInt()).isZero();
		// Delivered live to both, like a message.
		Event created = awaitEvent((e) -> e.type().equals(MessageEvents.MESSAGE_CREATED) && e.key().equals(id));
		JsonNode delivery = created.data().get("deliveries").get(0);
		assertThat(delivery.get("to")).extracting(JsonNode::asString).containsExactlyInAnyOrder(ada.id(), bo.id());
		assertThat(delivery.get("data").get("message").get("kind").asString()).isEqualTo("call");
		// A person cannot take a call record's id for a message of their own.
		assertThat(post(ada, "/api/conversations/" + id + "/messages",
				Map.of("clientMessageId", "call:call-9999abcd", "text", "fake"))
			.status()).isEqualTo(400);
		// A text message says so.
		assertThat(send(ada, id, "hi").json().get("kind").asString()).isEqualTo("text");
	}

	@Test
	void aGroupCallIsRecordedWithEveryoneWhoTookPart() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person di = friendOf(ada, "Di");
		String id = group(ada, bo, cy, di);
		command(id, RecordCall.TYPE, new RecordCall(id, "group-call-01", bo.id(), null, "video", "completed", 75,
				List.of(bo.id(), ada.id(), cy.id())));

		JsonNode record = await().atMost(Duration.ofSeconds(30))
			.until(() -> get(di, "/api/conversations/" + id + "/messages").json().get("items"),
					(items) -> items.size() == 1)
			.get(0);
		assertThat(record.get("kind").asString()).isEqualTo("call");
		assertThat(record.get("senderId").asString()).isEqualTo(bo.id());
		assertThat(record.get("call").get("durationSeconds").asLong()).isEqualTo(75);
		assertThat(record.get("call").get("participantIds")).extracting(JsonNode::asString)
			.containsExactly(bo.id(), ada.id(), cy.id());
		// Unread for the members who were not its starter, whether they took part or not.
		assertThat(get(di, "/api/conversations/" + id).json().get("unreadCount").asInt()).isEqualTo(1);
		assertThat(get(bo, "/api/conversations/" + id).json().get("unreadCount").asInt()).isZero();

		// A call whose starter has left the group is kept from a participant still in it,
		// once however often it comes.
		String gone = UUID.randomUUID().toString();
		RecordCall orphan = new RecordCall(id, "group-call-02", gone, null, "audio", "completed", 30,
				List.of(gone, cy.id()));
		command(id, RecordCall.TYPE, orphan);
		command(id, RecordCall.TYPE, orphan);
		JsonNode kept = await().atMost(Duration.ofSeconds(30))
			.until(() -> get(di, "/api/conversations/" + id + "/messages").json().get("items"),
					(items) -> items.size() == 2)
			.get(0);
		assertThat(kept.get("senderId").asString()).isEqualTo(cy.id());
		assertThat(kept.get("clientMessageId").asString()).isEqualTo("call:group-call-02");
	}

	@Test
	void aRepeatedSendCommandStoresOnceAndAcksBothTimesWithTheSameMessage() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		SendMessage send = new SendMessage(id, "resend-1", "hello", List.of(), null, origin(ada, "f1"));
		command(id, SendMessage.TYPE, send);
		command(id, SendMessage.TYPE, new SendMessage(id, "resend-1", "hello", List.of(), null, origin(ada, "f2")));

		JsonNode first = awaitEvent(replyTo("f1")).data().get("reply");
		JsonNode second = awaitEvent(replyTo("f2")).data().get("reply");
		assertThat(first.get("ack").get("messageId")).isEqualTo(second.get("ack").get("messageId"));
		assertThat(first.get("ack").get("clientMessageId").asString()).isEqualTo("resend-1");
		assertThat(first.get("to").get("socketId").asString()).isEqualTo("socket-" + ada.id());
		assertThat(count("select count(*) from message where client_message_id = 'resend-1'")).isEqualTo(1);
		assertThat(
				events().stream().filter((e) -> e.type().equals(MessageEvents.MESSAGE_CREATED) && e.key().equals(id)))
			.as("the repeat is answered, not delivered again")
			.hasSize(1);
	}

	@Test
	void refusedCommandsAreAnsweredWithAnErrorForTheirFrame() {
		Person ada = person("Ada");
		Person bo = person("Bo");
		Person eve = person("Eve");
		befriend(ada, bo);
		String id = direct(ada, bo);
		command(id, SendMessage.TYPE, new SendMessage(id, "e1", "sneaky", List.of(), null, origin(eve, "f1")));
		command(id, SendMessage.TYPE, new SendMessage(id, "a1", "x".repeat(4001), List.of(), null, origin(ada, "f2")));
		String mine = send(ada, id, "mine").json().get("id").asString();
		command(id, DeleteMessage.TYPE, new DeleteMessage(id, mine, "everyone", origin(bo, "f3")));
		command(id, MarkRead.TYPE, new MarkRead(id, mine, origin(eve, "f4")));

		assertThat(awaitEvent(replyTo("f1")).data().get("reply").get("code").asString()).isEqualTo("NOT_A_MEMBER");
		assertThat(awaitEvent(replyTo("f2")).data().get("reply").get("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(awaitEvent(replyTo("f3")).data().get("reply").get("code").asString()).isEqualTo("NOT_SENDER");
		assertThat(awaitEvent(replyTo("f4")).data().get("reply").get("code").asString()).isEqualTo("NOT_A_MEMBER");
		assertThat(count("select count(*) from message where conversation_id = '" + id + "'")).isEqualTo(1);
	}

	@Test
	void deletesAndReadsOverTheSocketReachEveryMember() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String mine = send(ada, id, "oops").json().get("id").asString();
		command(id, MarkRead.TYPE, new MarkRead(id, mine, origin(bo, "r1")));
		command(id, DeleteMessage.TYPE, new DeleteMessage(id, mine, "everyone", origin(ada, "d1")));

		Event read = awaitEvent(replyTo("r1"));
		assertThat(read.type()).isEqualTo(MessageEvents.READ_UPDATED);
		assertThat(read.data().get("deliveries").get(0).get("data").get("userId").asString()).isEqualTo(bo.id());
		Event deleted = awaitEvent(replyTo("d1"));
		assertThat(deleted.type()).isEqualTo(MessageEvents.MESSAGE_DELETED);
		JsonNode delivery = deleted.data().get("deliveries").get(0);
		assertThat(delivery.get("frame").asString()).isEqualTo("message.deleted");
		assertThat(delivery.get("to")).extracting(JsonNode::asString).containsExactlyInAnyOrder(ada.id(), bo.id());
		assertThat(delivery.get("data").get("scope").asString()).isEqualTo("everyone");
	}

	@Test
	void aDeleteForMeReachesOnlyTheCallersDevicesWithANewNumberInTheChangeOrder() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String theirs = send(ada, id, "hello").json().get("id").asString();
		long lastSeq = get(bo, "/api/conversations/" + id).json().get("lastSeq").asLong();
		command(id, DeleteMessage.TYPE, new DeleteMessage(id, theirs, "me", origin(bo, "h1")));

		Event hidden = awaitEvent(replyTo("h1"));
		assertThat(hidden.type()).isEqualTo(MessageEvents.MESSAGE_DELETED);
		JsonNode delivery = hidden.data().get("deliveries").get(0);
		assertThat(delivery.get("to")).extracting(JsonNode::asString).containsExactly(bo.id());
		assertThat(delivery.get("data").get("scope").asString()).isEqualTo("me");
		assertThat(delivery.get("data").get("version").asLong()).isGreaterThan(lastSeq);
	}

	@Test
	void aCommandGivenUpOnIsStillAnsweredSoTheSenderNeedNotWaitForATimeout() {
		Person ada = person("Ada");
		String marker = "unprocessable-" + UUID.randomUUID();
		// Well-formed, so it has someone to answer, but it fails every try.
		command("not-a-conversation-id", SendMessage.TYPE,
				new SendMessage("not-a-conversation-id", marker, "hi", List.of(), null, origin(ada, "given-up")));

		Event answer = awaitEvent(replyTo("given-up"));
		assertThat(answer.type()).isEqualTo(MessageEvents.COMMAND_REPLIED);
		assertThat(answer.data().get("reply").get("code").asString()).isEqualTo("UNAVAILABLE");
		assertThat(answer.data().get("reply").get("to").get("socketId").asString())
			.isEqualTo(origin(ada, "given-up").socketId());
		assertThat(answer.data().get("deliveries")).isEmpty();
		assertThat(deadLetter(marker)).contains(marker);
	}

	@Test
	void aMalformedCommandGoesToTheDeadLetterTopicAndTheNextOneStillGoesThrough() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String marker = "poison-" + UUID.randomUUID();
		this.kafka.send(Topics.MESSAGE_COMMANDS, id, "{\"not\": \"an event\", \"marker\": \"" + marker + "\"}").join();
		command(id, SendMessage.TYPE,
				new SendMessage(id, "after-poison", "still here", List.of(), null, origin(ada, "f1")));

		assertThat(awaitEvent(replyTo("f1")).data().get("reply").get("ack").get("clientMessageId").asString())
			.isEqualTo("after-poison");
		assertThat(deadLetter(marker)).contains(marker);
	}

	/** The dead-lettered command that holds {@code marker}, waiting for it. */
	private String deadLetter(String marker) {
		try (TopicProbe probe = TopicProbe.fromStart(Topics.MESSAGE_COMMANDS + ".DLT")) {
			return probe.await((r) -> r.value().contains(marker), Duration.ofSeconds(20)).value();
		}
	}

}
