package dev.parley.signaling.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.Topics;
import dev.parley.testsupport.TopicProbe;

import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The two messaging topics as message-service sees them: the commands signaling-service
 * produced, and a way to publish events for it to carry out.
 */
public final class MessageTopics implements AutoCloseable {

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json = JsonMapper.builder().build();

	private final TopicProbe commands = TopicProbe.fromNow(Topics.MESSAGE_COMMANDS);

	public MessageTopics(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
	}

	/** The next command (since this was created) whose data has this client frame id. */
	public Command command(String frameId) {
		return command((c) -> frameId.equals(c.origin().path("frameId").asString(null)));
	}

	/** The first command (since this was created) that matches. */
	public Command command(java.util.function.Predicate<Command> matching) {
		TopicProbe.Received found = this.commands.await((r) -> matching.test(new Command(r.key(), r.json())),
				Duration.ofSeconds(20));
		return new Command(found.key(), found.json());
	}

	/** Publishes an event as message-service would. */
	public void publish(String conversationId, String type, MessageEvents event) {
		publish(conversationId, type, event, UUID.randomUUID().toString());
	}

	/** Publishes an event with this id (again, as the outbox relay may). */
	public void publish(String conversationId, String type, MessageEvents event, String eventId) {
		this.kafka
			.send(Topics.MESSAGE_EVENTS, conversationId,
					this.json.writeValueAsString(new EventEnvelope<>(eventId, type, Instant.now(), event)))
			.join();
	}

	@Override
	public void close() {
		this.commands.close();
	}

	public record Command(String key, JsonNode json) {

		public JsonNode data() {
			return this.json.path("data");
		}

		public JsonNode origin() {
			return data().path("origin");
		}

	}

}
