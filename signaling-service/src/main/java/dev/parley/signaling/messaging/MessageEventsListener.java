package dev.parley.signaling.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventTracing;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.ReceivedEvent;
import dev.parley.platform.events.TimedCommits;
import dev.parley.platform.events.Topics;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.socket.Frame;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Carries out message events: answers the frame that caused one, then pushes each of its
 * frames to every socket of its users, on whichever replica holds them (one replica
 * consumes each event; the broker reaches the others). A poll's events go to the broker
 * together, in order, in one round trip.
 * <p>
 * Each event once, however often it comes (the outbox relay sent it again after a
 * timeout, or a consumer read it again after a rebalance or a crash): its frames go out
 * under its id ({@code parley:delivered:<event id>}, kept {@link #KEEP}), which the
 * broker notes in the same step as it sends them. A replica killed midway has either sent
 * an event and noted it, or neither, and then the replica that reads it next sends it.
 */
@Component
class MessageEventsListener {

	static final String DELIVERED_PREFIX = "parley:delivered:";

	/** Far longer than any redelivery: a relay's retry, a rebalance, a restart. */
	static final Duration KEEP = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(MessageEventsListener.class);

	private final Broker broker;

	private final ConversationMembers members;

	private final JsonMapper json;

	private final Counter deliveries;

	private final Timer latency;

	private final EventTracing tracing;

	MessageEventsListener(Broker broker, ConversationMembers members, JsonMapper json, MeterRegistry meters,
			EventTracing tracing) {
		this.broker = broker;
		this.members = members;
		this.tracing = tracing;
		this.json = json;
		this.deliveries = Counter.builder("parley.messages.delivered")
			.description("New messages handed to the fan-out, once per recipient (sender included: other devices)")
			.register(meters);
		this.latency = Timer.builder("parley.messages.delivery")
			.description("From a message's creation in message-service to its frames going to the recipients' sockets")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

	@KafkaListener(topics = Topics.MESSAGE_EVENTS, batch = "true", containerPostProcessor = TimedCommits.BEAN)
	void on(List<ConsumerRecord<String, String>> records) {
		List<ReceivedEvent> events = new ArrayList<>();
		RuntimeException unreadable = null;
		for (ConsumerRecord<String, String> record : records) {
			try {
				events.add(ReceivedEvent.parse(this.json, record.value()));
			}
			catch (RuntimeException ex) {
				unreadable = ex;
				break;
			}
		}
		List<Broker.Once> groups = new ArrayList<>();
		List<Measure> measures = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			List<Broker.Delivery> out = new ArrayList<>();
			measures.add(collect(events.get(i), records.get(i).key(), out));
			groups.add(new Broker.Once(DELIVERED_PREFIX + events.get(i).id(), out));
		}
		// A span per event, in the trace of the command that caused it.
		List<Span> spans = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			spans.add(this.tracing.consume("message event", records.get(i)));
		}
		boolean[] sent;
		try {
			sent = this.broker.publishOnce(KEEP, groups);
		}
		catch (RuntimeException ex) {
			spans.forEach((span) -> span.error(ex).end());
			throw ex;
		}
		for (int i = 0; i < sent.length; i++) {
			spans.get(i).tag("parley.delivered", Boolean.toString(sent[i])).end();
			if (sent[i] && measures.get(i) != null) {
				measure(measures.get(i));
			}
		}
		if (unreadable != null) {
			// What came before it is delivered; the platform retries this one, then
			// dead-letters it.
			throw new BatchListenerFailedException("A message event could not be read", unreadable, events.size());
		}
	}

	/**
	 * message-service answers with the protocol's codes; anything else is a bug there.
	 */
	private static ErrorCode errorCode(String code) {
		return ErrorCode.of(code).orElseGet(() -> {
			log.error("message-service refused a command with {}, which the socket protocol does not know", code);
			return ErrorCode.INTERNAL_ERROR;
		});
	}

	private void measure(Measure measure) {
		this.deliveries.increment(measure.recipients());
		try {
			this.latency.record(Duration.between(Instant.parse(measure.createdAt()), Instant.now()));
		}
		catch (DateTimeParseException ex) {
			// Not a time: nothing to measure.
		}
	}

	/** Adds the event's deliveries to {@code out}; what to measure once they are sent. */
	private Measure collect(ReceivedEvent event, String conversationId, List<Broker.Delivery> out) {
		if (MessageEvents.CONVERSATION_UPDATED.equals(event.type())) {
			this.members.forget(conversationId);
		}
		JsonNode reply = event.data().path("reply");
		if (reply.isObject()) {
			JsonNode to = reply.path("to");
			String frameId = to.path("frameId").asString();
			Frame answer = reply.path("code").isString()
					? Frame.error(frameId, errorCode(reply.path("code").asString()), reply.path("message").asString())
					: Frame.ack(frameId, reply.path("ack"));
			out.add(new Broker.Delivery(List.of(to.path("userId").asString()), to.path("socketId").asString(),
					this.json.writeValueAsString(answer)));
		}
		String createdAt = null;
		int recipients = 0;
		for (JsonNode delivery : event.data().path("deliveries")) {
			String frame = this.json
				.writeValueAsString(new Frame(delivery.path("frame").asString(), null, delivery.path("data")));
			List<String> users = new ArrayList<>();
			delivery.path("to").forEach((user) -> users.add(user.asString()));
			out.add(Broker.Delivery.toAll(users, frame));
			// A group message may come in more than one delivery (e.g. hidden from those
			// who blocked its sender): one message, timed once, counted per recipient.
			if (FrameType.MESSAGE_NEW.wire().equals(delivery.path("frame").asString())) {
				createdAt = delivery.path("data").path("message").path("createdAt").asString();
				recipients += users.size();
			}
		}
		return (createdAt != null) ? new Measure(createdAt, recipients) : null;
	}

	/** A new message: when it was created, and for how many users. */
	private record Measure(String createdAt, int recipients) {

	}

}
