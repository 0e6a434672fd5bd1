package dev.parley.user.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.parley.platform.events.DeadLetterConfiguration;
import dev.parley.platform.events.Topics;
import dev.parley.user.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malformed event does not block its partition: it goes to the dead-letter topic and
 * the events after it are still handled.
 */
class PoisonEventIT extends UserServiceIntegrationTest {

	@Test
	void aMalformedAccountEventIsDeadLetteredAndTheNextOneStillCreatesAProfile() {
		String key = UUID.randomUUID().toString();
		String poison = "{\"type\":\"account.registered\",\"data\":{\"userId\":\"not-a-uuid-" + key + "\"}}";
		this.kafka.send(Topics.ACCOUNT_EVENTS, key, poison).join();
		this.kafka.send(Topics.ACCOUNT_EVENTS, key, "{ this is not json " + key).join();

		Person after = person("After the poison");
		assertThat(get(after, "/api/users/me").status()).isEqualTo(200);

		List<String> deadLetters = readAll(Topics.ACCOUNT_EVENTS + DeadLetterConfiguration.DLT_SUFFIX, key, 2);
		assertThat(deadLetters).hasSize(2)
			.anyMatch((v) -> v.contains("not-a-uuid"))
			.anyMatch((v) -> v.contains("not json"));
	}

	private List<String> readAll(String topic, String key, int expected) {
		String bootstrap = String.join(",",
				(List<String>) this.kafka.getProducerFactory().getConfigurationProperties().get("bootstrap.servers"));
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "dlt-probe-" + key, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<String> values = new java.util.ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach((r) -> {
					if (key.equals(r.key())) {
						values.add(r.value());
					}
				});
			}
		}
		return values;
	}

}
