package dev.parley.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.SocialEvents.FriendRequestAccepted;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.SocialEvents.UserBlocked;
import dev.parley.platform.events.Topics;
import dev.parley.platform.events.UserSummary;
import dev.parley.testsupport.ServiceIntegrationTest;
import dev.parley.testsupport.TestHttp.Caller;
import dev.parley.testsupport.TestHttp.Reply;
import dev.parley.testsupport.TestTokens;
import dev.parley.testsupport.TopicProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * message-service against real PostgreSQL and Kafka. People and friendships come into
 * being the real way, from auth-service's and user-service's events on Kafka; socket
 * commands go in on the commands topic, and what the service publishes is read back from
 * the events topic.
 */
public abstract class MessageServiceIntegrationTest extends ServiceIntegrationTest {

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected KafkaTemplate<String, String> kafka;

	protected final JsonMapper json = JsonMapper.builder().build();

	private TopicProbe probe;

	@BeforeEach
	void clients() {
		this.probe = TopicProbe.fromNow(Topics.MESSAGE_EVENTS);
	}

	@AfterEach
	void closeProbe() {
		this.probe.close();
	}

	/** A person, registered the way auth-service announces one. */
	protected Person person(String displayName) {
		String id = UUID.randomUUID().toString();
		String username = "u" + id.substring(0, 8);
		publish(Topics.ACCOUNT_EVENTS, id, AccountRegistered.TYPE,
				new AccountRegistered(id, username + "@example.org", username, displayName));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from person where id = '" + id + "'") == 1);
		return new Person(id, username, displayName, TestTokens.get().accessToken(id));
	}

	protected void befriend(Person a, Person b) {
		publish(Topics.SOCIAL_EVENTS, a.id(), FriendRequestAccepted.TYPE,
				new FriendRequestAccepted(UUID.randomUUID().toString(), a.summary(), b.summary()));
		awaitFriends(a, b, true);
	}

	/** A new person who is already a friend of {@code friend}. */
	protected Person friendOf(Person friend, String displayName) {
		Person person = person(displayName);
		befriend(friend, person);
		return person;
	}

	/** A group made by {@code admin} with these friends of theirs; returns its id. */
	protected String group(Person admin, Person... members) {
		Reply created = post(admin, "/api/conversations",
				Map.of("title", "G", "memberIds", java.util.Arrays.stream(members).map(Person::id).toList()));
		return created.json().get("id").asString();
	}

	protected void unfriend(Person a, Person b) {
		publish(Topics.SOCIAL_EVENTS, a.id(), FriendshipRemoved.TYPE, new FriendshipRemoved(a.id(), b.id()));
		awaitFriends(a, b, false);
	}

	protected void block(Person blocker, Person blocked) {
		publish(Topics.SOCIAL_EVENTS, blocker.id(), UserBlocked.TYPE, new UserBlocked(blocker.id(), blocked.id()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from block where active and blocker_id = '" + blocker.id()
					+ "' and blocked_id = '" + blocked.id() + "'") == 1);
	}

	private void awaitFriends(Person a, Person b, boolean friends) {
		String low = (a.id().compareTo(b.id()) < 0) ? a.id() : b.id();
		String high = low.equals(a.id()) ? b.id() : a.id();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("select count(*) from friendship where active = " + friends + " and user_low = '" + low
					+ "' and user_high = '" + high + "'") == 1);
	}

	protected long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	protected void publish(String topic, String key, String type, Object data) {
		EventEnvelope<Object> event = EventEnvelope.of(type, data);
		this.kafka.send(topic, key, this.json.writeValueAsString(event)).join();
	}

	/** A command as signaling-service sends it for a socket frame. */
	protected void command(String conversationId, String type, Object data) {
		publish(Topics.MESSAGE_COMMANDS, conversationId, type, data);
	}

	protected static Origin origin(Person person, String frameId) {
		return new Origin(person.id(), "socket-" + person.id(), frameId);
	}

	/** Waits for an event published since the test began that matches. */
	protected Event awaitEvent(Predicate<Event> matching) {
		return event(this.probe.await((r) -> matching.test(event(r)), Duration.ofSeconds(30)));
	}

	/** Every event published since the test began (reads what arrived so far). */
	protected List<Event> events() {
		return this.probe.records().stream().map(MessageServiceIntegrationTest::event).toList();
	}

	private static Event event(TopicProbe.Received record) {
		return new Event(record.key(), record.partition(), record.offset(), record.json());
	}

	/** The answer an event carries for a frame. */
	protected static Predicate<Event> replyTo(String frameId) {
		return (e) -> frameId.equals(e.json().path("data").path("reply").path("to").path("frameId").asString(null));
	}

	/**
	 * The field a {@code VALIDATION_FAILED} refusal names (failing on any other answer).
	 */
	protected static String invalidField(Reply refused) {
		assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
		return refused.json().get("errors").get(0).get("field").asString();
	}

	/** The direct conversation of two friends. */
	protected String direct(Person a, Person b) {
		return post(a, "/api/conversations/direct", Map.of("userId", b.id())).json().get("id").asString();
	}

	protected Reply send(Person as, String conversationId, String text) {
		return post(as, "/api/conversations/" + conversationId + "/messages",
				Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
	}

	public record Person(String id, String username, String displayName, String token) implements Caller {

		public UserSummary summary() {
			return new UserSummary(this.id, this.username, this.displayName, null);
		}

	}

	public record Event(String key, int partition, long offset, JsonNode json) {

		public String type() {
			return this.json.path("type").asString();
		}

		public JsonNode data() {
			return this.json.path("data");
		}

	}

}
