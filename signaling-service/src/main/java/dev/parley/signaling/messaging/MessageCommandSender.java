package dev.parley.signaling.messaging;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
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

	MessageCommandSender(KafkaTemplate<String, String> kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	public CompletableFuture<?> send(String conversationId, String type, Object command) {
		try {
			String payload = this.json.writeValueAsString(EventEnvelope.of(type, command));
			return this.kafka.send(Topics.MESSAGE_COMMANDS, conversationId, payload);
		}
		catch (RuntimeException ex) {
			// The template throws what the producer could not even queue (no metadata
			// within max.block.ms); the caller answers through the future.
			return CompletableFuture.failedFuture(ex);
		}
	}

}
