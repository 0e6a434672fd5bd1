package dev.parley.user.profile;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.events.DeadLetterConfiguration;
import dev.parley.platform.events.Topics;
import dev.parley.testsupport.TopicProbe;
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
		try (TopicProbe probe = TopicProbe.fromStart(topic)) {
			return probe.await(TopicProbe.Received.withKey(key), expected, Duration.ofSeconds(30))
				.stream()
				.map(TopicProbe.Received::value)
				.toList();
		}
	}

}
