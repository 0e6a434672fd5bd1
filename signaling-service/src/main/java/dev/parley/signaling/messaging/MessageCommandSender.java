package dev.parley.signaling.messaging;

import java.util.concurrent.CompletableFuture;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.EventTracing;
import dev.parley.platform.events.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a command to message-service: an event envelope on
 * {@link Topics#MESSAGE_COMMANDS} keyed by conversation, so one conversation's commands
 * keep their order. A broker that is away fails the returned future within the producer's
 * {@code max.block.ms}; it never throws on the caller's thread (a socket's).
 */
@Component
public class MessageCommandSender {

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final EventTracing tracing;

	MessageCommandSender(KafkaTemplate<String, String> kafka, JsonMapper json, EventTracing tracing) {
		this.kafka = kafka;
		this.json = json;
		this.tracing = tracing;
	}

	/**
	 * Sends the command in a span, which starts its trace: a socket frame has no trace
	 * context of its own (the gateway traced only the socket's upgrade).
	 */
	public CompletableFuture<?> send(String conversationId, String type, Object command) {
		Span span = this.tracing.produce(type, Topics.MESSAGE_COMMANDS, conversationId);
		try (Tracer.SpanInScope scope = this.tracing.scope(span)) {
			String payload = this.json.writeValueAsString(EventEnvelope.of(type, command));
			ProducerRecord<String, String> record = new ProducerRecord<>(Topics.MESSAGE_COMMANDS, conversationId,
					payload);
			EventTracing.addTo(record.headers(), this.tracing.current());
			return this.kafka.send(record).whenComplete((result, failure) -> {
				if (failure != null) {
					span.error(failure);
				}
				span.end();
			});
		}
		catch (RuntimeException ex) {
			// The template throws what the producer could not even queue (no metadata
			// within max.block.ms); the caller answers through the future.
			span.error(ex);
			span.end();
			return CompletableFuture.failedFuture(ex);
		}
	}

}
