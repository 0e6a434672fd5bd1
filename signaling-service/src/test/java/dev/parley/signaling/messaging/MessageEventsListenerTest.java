package dev.parley.signaling.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.EventTracing;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.MessageEvents.Delivery;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.Topics;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.fanout.LocalBroker;

import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a message event turns into, on the in-memory broker. */
class MessageEventsListenerTest {

	final JsonMapper json = JsonMapper.builder().build();

	final List<String> delivered = new CopyOnWriteArrayList<>();

	final LocalBroker broker = new LocalBroker(new Broker.Inbound() {

		@Override
		public void deliver(String userId, String socketId, String frame) {
			MessageEventsListenerTest.this.delivered.add(userId + "/" + socketId + " " + frame);
		}

		@Override
		public void resync() {
		}

		@Override
		public List<String> users() {
			return List.of();
		}

	});

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final MessageEventsListener listener = new MessageEventsListener(this.broker, null, this.json, this.meters,
			EventTracing.none());

	@Test
	void theAnswerGoesToTheAskingSocketFirstThenEachFrameToEachUser() {
		this.broker.hold("ada");
		this.broker.hold("bo");
		Origin origin = new Origin("ada", "s1", "f1");
		on(MessageEvents.MESSAGE_CREATED, new MessageEvents(List
			.of(new Delivery("message.new", List.of("ada", "bo", "offline"), Map.of("message", Map.of("id", "m1")))),
				Reply.ok(origin, Map.of("messageId", "m1"))));
		assertThat(this.delivered).containsExactly(
				"ada/s1 {\"type\":\"ack\",\"id\":\"f1\",\"data\":{\"messageId\":\"m1\"}}",
				"ada/null {\"type\":\"message.new\",\"data\":{\"message\":{\"id\":\"m1\"}}}",
				"bo/null {\"type\":\"message.new\",\"data\":{\"message\":{\"id\":\"m1\"}}}");
	}

	@Test
	void eachRecipientOfANewMessageIsCountedAndItsDeliveryTimedFromItsCreation() {
		String createdAt = Instant.now().minusMillis(250).toString();
		on(MessageEvents.MESSAGE_CREATED, new MessageEvents(List.of(
				new Delivery("message.new", List.of("ada", "bo", "cy"),
						Map.of("message", Map.of("id", "m1", "createdAt", createdAt))),
				new Delivery("conversation.updated", List.of("ada"), Map.of("conversation", Map.of("id", "c1")))),
				null));
		assertThat(this.meters.get("parley.messages.delivered").counter().count()).isEqualTo(3);
		var latency = this.meters.get("parley.messages.delivery").timer();
		assertThat(latency.count()).isEqualTo(1);
		assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
	}

	@Test
	void aRefusalIsAnErrorFrameWithItsCodeAndNothingElse() {
		this.broker.hold("eve");
		on(MessageEvents.COMMAND_REPLIED, new MessageEvents(List.of(),
				Reply.error(new Origin("eve", "s9", "f9"), "NOT_A_MEMBER", "You are not a member.")));
		assertThat(this.delivered).containsExactly(
				"eve/s9 {\"type\":\"error\",\"id\":\"f9\",\"data\":{\"code\":\"NOT_A_MEMBER\",\"message\":\"You are not a member.\",\"retryable\":false}}");
	}

	@Test
	void aRefusalWithACodeTheProtocolDoesNotKnowBecomesAnInternalError() {
		this.broker.hold("eve");
		on(MessageEvents.COMMAND_REPLIED, new MessageEvents(List.of(),
				Reply.error(new Origin("eve", "s9", "f9"), "SOMETHING_NEW", "A new rule said no.")));
		assertThat(this.delivered).containsExactly(
				"eve/s9 {\"type\":\"error\",\"id\":\"f9\",\"data\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"A new rule said no.\",\"retryable\":false}}");
	}

	@Test
	void anEventThatComesAgainIsNotDeliveredAgainAndAnUnreadableOneStopsTheBatchAfterWhatCameBefore() {
		this.broker.hold("bo");
		String event = this.json
			.writeValueAsString(new EventEnvelope<>("e7", MessageEvents.MESSAGE_CREATED, Instant.now(),
					new MessageEvents(
							List.of(new Delivery("message.new", List.of("bo"), Map.of("message", Map.of("id", "m7")))),
							null)));
		this.listener.on(List.of(record(event), record(event)));
		assertThat(this.delivered)
			.containsExactly("bo/null {\"type\":\"message.new\",\"data\":{\"message\":{\"id\":\"m7\"}}}");

		String next = event.replace("e7", "e8").replace("m7", "m8");
		assertThatThrownBy(() -> this.listener.on(List.of(record(event), record(next), record("not json"))))
			.isInstanceOfSatisfying(BatchListenerFailedException.class, (ex) -> assertThat(ex.getIndex()).isEqualTo(2));
		assertThat(this.delivered).hasSize(2).last().asString().contains("m8");
	}

	private ConsumerRecord<String, String> record(String payload) {
		return new ConsumerRecord<>(Topics.MESSAGE_EVENTS, 0, 0, "conv-1", payload);
	}

	private void on(String type, MessageEvents event) {
		this.listener.on(List.of(new ConsumerRecord<>(Topics.MESSAGE_EVENTS, 0, 0, "conv-1",
				this.json.writeValueAsString(new EventEnvelope<>("e1", type, Instant.now(), event)))));
	}

}
