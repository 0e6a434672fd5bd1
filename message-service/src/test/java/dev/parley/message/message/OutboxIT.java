package dev.parley.message.message;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.parley.message.MessagingIntegrationTest;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.outbox.OutboxRelay;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message committed while nothing relays the outbox (the service died between commit
 * and publish) is published once the relay runs again: no event is lost.
 */
class OutboxIT extends MessagingIntegrationTest {

	@Autowired
	OutboxRelay relay;

	@Test
	void messagesCommittedWhileTheRelayIsDownArePublishedWhenItComesBack() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		this.relay.stop();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(send(ada, id, "while down " + i).status()).isEqualTo(201);
			}
			assertThat(count("select count(*) from outbox where event_key = '" + id + "'")).isGreaterThanOrEqualTo(5);
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> events().stream()
					.noneMatch((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED)));
		}
		finally {
			this.relay.start();
		}
		awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED)
				&& e.data()
					.get("deliveries")
					.get(0)
					.get("data")
					.get("message")
					.get("text")
					.asString()
					.equals("while down 4"));
		assertThat(events().stream()
			.filter((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED))
			.map((e) -> e.data().get("deliveries").get(0).get("data").get("message").get("text").asString()))
			.containsExactly("while down 0", "while down 1", "while down 2", "while down 3", "while down 4");
		assertThat(count("select count(*) from outbox where event_key = '" + id + "'")).isZero();
	}

}
