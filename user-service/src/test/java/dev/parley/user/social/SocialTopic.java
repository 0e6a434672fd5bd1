package dev.parley.user.social;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.Topics;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Reads the event types on the social topic, to check what user-service published.
 */
final class SocialTopic {

	private SocialTopic() {
	}

	static List<String> types(KafkaTemplate<String, String> kafka, JsonMapper json) {
		String bootstrap = String.join(",",
				(List<String>) kafka.getProducerFactory().getConfigurationProperties().get("bootstrap.servers"));
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "social-probe-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(Topics.SOCIAL_EVENTS));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			int quiet = 0;
			while (System.nanoTime() < deadline && quiet < 3) {
				var records = consumer.poll(Duration.ofMillis(500));
				quiet = (records.isEmpty() && !types.isEmpty()) ? quiet + 1 : 0;
				records.forEach((r) -> types.add(json.readTree(r.value()).get("type").asString()));
			}
		}
		return types;
	}

}
