package dev.parley.user.social;

import dev.parley.platform.events.Topics;
import dev.parley.testsupport.TestHttp.Reply;
import dev.parley.testsupport.TopicProbe;
import dev.parley.user.UserServiceIntegrationTest;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class FriendsIT extends UserServiceIntegrationTest {

	@Test
	void aRequestAcceptedByTheRecipientMakesFriendsOfBoth() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		Reply sent = sendRequest(ada, bob);
		assertThat(sent.status()).isEqualTo(201);
		assertThat(sent.json().get("status").asString()).isEqualTo("PENDING");
		String id = sent.json().get("id").asString();
		assertThat(ids(get(bob, "/api/friend-requests?direction=incoming"))).containsExactly(id);
		assertThat(ids(get(ada, "/api/friend-requests?direction=outgoing"))).containsExactly(id);
		assertThat(get(ada, "/api/users/" + bob.id()).json().get("relationship").asString()).isEqualTo("REQUEST_SENT");
		assertThat(get(bob, "/api/users/" + ada.id()).json().get("relationship").asString())
			.isEqualTo("REQUEST_RECEIVED");

		Reply accepted = post(bob, "/api/friend-requests/" + id + "/accept", null);
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(friendIds(ada)).containsExactly(bob.id());
		assertThat(friendIds(bob)).containsExactly(ada.id());
		assertThat(get(bob, "/api/friend-requests?direction=incoming").json().get("items")).isEmpty();
		assertThat(sendRequest(ada, bob).code()).isEqualTo("ALREADY_FRIENDS");
		assertThat(outboxTypes()).contains("friend.request.sent", "friend.request.accepted");
	}

	@Test
	void askingSomeoneWhoAlreadyAskedYouAcceptsTheirRequest() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		sendRequest(ada, bob);
		Reply reverse = sendRequest(bob, ada);
		assertThat(reverse.status()).isEqualTo(200);
		assertThat(reverse.json().get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(friendIds(ada)).containsExactly(bob.id());
		assertThat(this.jdbc.sql("select count(*) from friendship where user_low = least(:a::uuid, :b::uuid)")
			.param("a", ada.id())
			.param("b", bob.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void noRequestToYourselfTwiceOrToSomeoneUnknown() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		assertThat(sendRequest(ada, ada).code()).isEqualTo("CANNOT_FRIEND_SELF");
		sendRequest(ada, bob);
		assertThat(sendRequest(ada, bob).code()).isEqualTo("REQUEST_ALREADY_PENDING");
		assertThat(post(ada, "/api/friend-requests", java.util.Map.of("userId", "00000000-0000-0000-0000-000000000001"))
			.code()).isEqualTo("USER_NOT_FOUND");
		assertThat(post(ada, "/api/friend-requests", java.util.Map.of()).code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void onlyTheRecipientAnswersOnlyTheSenderCancelsAndStrangersSeeNothing() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		Person eve = person("Eve");
		String id = sendRequest(ada, bob).json().get("id").asString();
		assertThat(post(ada, "/api/friend-requests/" + id + "/accept", null).code()).isEqualTo("NOT_RECIPIENT");
		assertThat(post(ada, "/api/friend-requests/" + id + "/decline", null).code()).isEqualTo("NOT_RECIPIENT");
		assertThat(call(bob, HttpMethod.DELETE, "/api/friend-requests/" + id, null).code()).isEqualTo("NOT_SENDER");
		assertThat(post(eve, "/api/friend-requests/" + id + "/accept", null).status()).isEqualTo(404);
		assertThat(call(eve, HttpMethod.DELETE, "/api/friend-requests/" + id, null).status()).isEqualTo(404);

		assertThat(call(ada, HttpMethod.DELETE, "/api/friend-requests/" + id, null).status()).isEqualTo(204);
		assertThat(post(bob, "/api/friend-requests/" + id + "/accept", null).code()).isEqualTo("REQUEST_NOT_PENDING");
		String again = sendRequest(ada, bob).json().get("id").asString();
		assertThat(post(bob, "/api/friend-requests/" + again + "/decline", null).status()).isEqualTo(204);
		assertThat(friendIds(bob)).isEmpty();
		assertThat(outboxTypes()).contains("friend.request.cancelled", "friend.request.declined");
	}

	@Test
	void afterADeclineTheSenderMustWaitButThePersonWhoDeclinedMayStillAsk() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		String id = sendRequest(ada, bob).json().get("id").asString();
		assertThat(post(bob, "/api/friend-requests/" + id + "/decline", null).status()).isEqualTo(204);

		Reply again = sendRequest(ada, bob);
		assertThat(again.status()).isEqualTo(429);
		assertThat(again.code()).isEqualTo("REQUEST_COOLDOWN");
		assertThat(again.json().get("retryAfterSeconds").asLong()).isBetween(6 * 86_400L, 7 * 86_400L);

		assertThat(sendRequest(bob, ada).status()).isEqualTo(201);
	}

	@Test
	void unfriendingRemovesTheFriendshipForBoth() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		befriend(ada, bob);
		assertThat(call(bob, HttpMethod.DELETE, "/api/friends/" + ada.id(), null).status()).isEqualTo(204);
		assertThat(friendIds(ada)).isEmpty();
		assertThat(call(bob, HttpMethod.DELETE, "/api/friends/" + ada.id(), null).code()).isEqualTo("NOT_FRIENDS");
	}

	@Test
	void aBlockEndsFriendshipAndRequestsAndStopsNewOnesBothWays() {
		Person ada = person("Ada");
		Person bob = person("Bob");
		Person cat = person("Cat");
		befriend(ada, bob);
		String pending = sendRequest(cat, ada).json().get("id").asString();
		assertThat(call(ada, HttpMethod.PUT, "/api/blocks/" + bob.id(), null).status()).isEqualTo(204);
		assertThat(call(ada, HttpMethod.PUT, "/api/blocks/" + cat.id(), null).status()).isEqualTo(204);
		assertThat(friendIds(ada)).isEmpty();
		assertThat(friendIds(bob)).isEmpty();
		assertThat(post(ada, "/api/friend-requests/" + pending + "/accept", null).code())
			.isEqualTo("REQUEST_NOT_PENDING");
		assertThat(sendRequest(ada, bob).code()).isEqualTo("BLOCKED");
		assertThat(sendRequest(bob, ada).code()).as("the blocked side does not see the blocker")
			.isEqualTo("USER_NOT_FOUND");
		assertThat(get(ada, "/api/blocks").json().get("items")).hasSize(2);
		assertThat(get(ada, "/api/users/" + bob.id()).json().get("relationship").asString()).isEqualTo("BLOCKED");
		assertThat(outboxTypes()).contains("user.blocked", "friendship.removed");

		assertThat(call(ada, HttpMethod.DELETE, "/api/blocks/" + bob.id(), null).status()).isEqualTo(204);
		assertThat(sendRequest(bob, ada).status()).isEqualTo(201);
		assertThat(call(ada, HttpMethod.PUT, "/api/blocks/" + ada.id(), null).code()).isEqualTo("CANNOT_BLOCK_SELF");
	}

	private void befriend(Person a, Person b) {
		String id = sendRequest(a, b).json().get("id").asString();
		assertThat(post(b, "/api/friend-requests/" + id + "/accept", null).status()).isEqualTo(200);
	}

	private List<String> friendIds(Person as) {
		List<String> ids = new java.util.ArrayList<>();
		get(as, "/api/friends").json().get("items").forEach((f) -> ids.add(f.get("user").get("id").asString()));
		return ids;
	}

	private static List<String> ids(Reply reply) {
		List<String> ids = new java.util.ArrayList<>();
		reply.json().get("items").forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	/**
	 * Event types that went through the outbox to Kafka, read from the topic once it went
	 * quiet.
	 */
	private List<String> outboxTypes() {
		try (TopicProbe probe = TopicProbe.fromStart(Topics.SOCIAL_EVENTS)) {
			return probe.untilQuiet(Duration.ofSeconds(10)).stream().map(TopicProbe.Received::type).toList();
		}
	}

	static JsonNode node(Reply reply) {
		return reply.json();
	}

}
