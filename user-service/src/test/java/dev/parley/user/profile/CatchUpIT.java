package dev.parley.user.profile;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.testsupport.TestTokens;
import dev.parley.user.UserServiceIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Ready" and "at once", against real Kafka and PostgreSQL: the service's readiness says
 * whether its consumers read their topics, and a person whose event was published a
 * moment ago is found by id, by search and as the target of a friend request with no
 * retry.
 */
class CatchUpIT extends UserServiceIntegrationTest {

	@Autowired
	HealthEndpoint health;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void someoneWhoseAccountEventIsStillOnItsWayIsFoundWithoutRetrying() {
		Person bob = person("Bob");
		String id = UUID.randomUUID().toString();
		String username = "n" + id.substring(0, 8);
		whileConsumerPaused(() -> publish(new AccountRegistered(id, username + "@example.org", username, "Nadia New")));
		// The event is consumed only a second later; each call below is made at once and
		// must catch up before it answers.

		assertThat(post(bob, "/api/friend-requests", Map.of("userId", id)).status()).isEqualTo(201);
		Person nadia = new Person(id, username, username + "@example.org", TestTokens.get().accessToken(id));
		assertThat(get(nadia, "/api/users/me").status()).isEqualTo(200);
	}

	@Test
	void aSearchThatFindsNobodyLooksAgainAfterCatchingUp() {
		Person bob = person("Bob");
		String id = UUID.randomUUID().toString();
		String username = "m" + id.substring(0, 8);
		whileConsumerPaused(() -> publish(new AccountRegistered(id, username + "@example.org", username, "Mo New")));

		assertThat(get(bob, "/api/users?q=" + username).json().get("items").get(0).get("id").asString()).isEqualTo(id);
	}

	@Test
	void theConsumersAreInTheHealthAndAStoppedListenerMakesItDown() {
		await().until(() -> consumers().equals("UP"));
		var container = this.listeners.getListenerContainers().iterator().next();
		container.stop();
		try {
			assertThat(consumers()).isEqualTo("DOWN");
		}
		finally {
			container.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> consumers().equals("UP"));
	}

	/**
	 * Publishes while the account-events consumer is paused, and lets it resume only a
	 * second later: whatever the test asks next must catch up by itself.
	 */
	private void whileConsumerPaused(Runnable publish) {
		var container = this.listeners.getListenerContainers().iterator().next();
		container.pause();
		await().until(container::isContainerPaused);
		publish.run();
		CompletableFuture.runAsync(container::resume, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
	}

	private String consumers() {
		return this.health.healthForPath("kafkaConsumers").getStatus().getCode();
	}

}
