package dev.parley.signaling.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.Topics;

import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The two messaging topics as message-service sees them: the commands signaling-service
 * produced, and a way to publish events for it to carry out.
 */
public final class MessageTopics implements AutoCloseable {

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json = JsonMapper.builder().build();

	private final KafkaConsumer<String, String> commands;

	private final List<Command> received = new ArrayList<>();

	public MessageTopics(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
		String bootstrap = String.join(",",
				(List<String>) kafka.getProducerFactory().getConfigurationProperties().get("bootstrap.servers"));
		this.commands = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		// The topic may not exist yet: create it by producing nothing but asking for it.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.commands.partitionsFor(Topics.MESSAGE_COMMANDS).isEmpty());
		List<TopicPartition> partitions = this.commands.partitionsFor(Topics.MESSAGE_COMMANDS)
			.stream()
			.map((p) -> new TopicPartition(p.topic(), p.partition()))
			.toList();
		this.commands.assign(partitions);
		this.commands.seekToEnd(partitions);
		partitions.forEach(this.commands::position);
	}

	/** The next command (since this was created) whose data has this client frame id. */
	public Command command(String frameId) {
		return command((c) -> frameId.equals(c.origin().path("frameId").asString(null)));
	}

	/** The first command (since this was created) that matches. */
	public Command command(java.util.function.Predicate<Command> matching) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.commands.poll(Duration.ofMillis(200))
				.forEach((r) -> this.received.add(new Command(r.key(), this.json.readTree(r.value()))));
			return this.received.stream().filter(matching).findFirst().orElse(null);
		}, (found) -> found != null);
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
