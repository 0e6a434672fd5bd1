package dev.parley.user;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.Topics;
import dev.parley.testsupport.ServiceIntegrationTest;
import dev.parley.testsupport.TestHttp.Caller;
import dev.parley.testsupport.TestHttp.Reply;
import dev.parley.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * user-service against real PostgreSQL and Kafka: people come into being the real way,
 * from account.registered events on Kafka, and act through the HTTP API with real tokens.
 */
public abstract class UserServiceIntegrationTest extends ServiceIntegrationTest {

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected KafkaTemplate<String, String> kafka;

	protected final JsonMapper json = JsonMapper.builder().build();

	/** Publishes account.registered (as auth-service does) and waits for the profile. */
	protected Person person(String displayName) {
		return person(displayName, null);
	}

	/** A new person whose event goes out under the given key (their own id when null). */
	protected Person person(String displayName, String key) {
		String id = UUID.randomUUID().toString();
		String username = "u" + id.substring(0, 8);
		AccountRegistered account = new AccountRegistered(id, username + "@example.org", username, displayName);
		publish((key != null) ? key : id, account);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from profile where id = :id::uuid")
				.param("id", id)
				.query(Long.class)
				.single() == 1);
		return new Person(id, username, account.email(), TestTokens.get().accessToken(id));
	}

	protected void publish(AccountRegistered account) {
		publish(account.userId(), account);
	}

	/**
	 * With an explicit key: events with one key share a partition and are consumed in
	 * order.
	 */
	protected void publish(String key, AccountRegistered account) {
		EventEnvelope<AccountRegistered> event = EventEnvelope.of(AccountRegistered.TYPE, account);
		this.kafka.send(Topics.ACCOUNT_EVENTS, key, this.json.writeValueAsString(event)).join();
	}

	protected Reply sendRequest(Person from, Person to) {
		return post(from, "/api/friend-requests", Map.of("userId", to.id()));
	}

	public record Person(String id, String username, String email, String token) implements Caller {
	}

}
