package dev.parley.message.conversation;

import dev.parley.testsupport.TestHttp.Reply;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.platform.events.MessageEvents;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationsIT extends MessageServiceIntegrationTest {

	@Test
	void twoFriendsHaveExactlyOneDirectConversationEvenWhenBothOpenItAtOnce() throws Exception {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		List<Callable<Reply>> calls = IntStream.range(0, 8)
			.mapToObj((i) -> (Callable<Reply>) () -> (i % 2 == 0)
					? post(ada, "/api/conversations/direct", Map.of("userId", bo.id()))
					: post(bo, "/api/conversations/direct", Map.of("userId", ada.id())))
			.toList();
		List<Reply> replies;
		try (var pool = Executors.newFixedThreadPool(8)) {
			replies = pool.invokeAll(calls).stream().map((f) -> {
				try {
					return f.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
		Set<String> ids = replies.stream().map((r) -> r.json().get("id").asString()).collect(Collectors.toSet());
		assertThat(ids).hasSize(1);
		assertThat(replies).extracting(Reply::status).containsOnly(200, 201).filteredOn((s) -> s == 201).hasSize(1);
		JsonNode seenByAda = get(ada, "/api/conversations/" + ids.iterator().next()).json();
		assertThat(seenByAda.get("kind").asString()).isEqualTo("DIRECT");
		assertThat(seenByAda.get("peer").get("displayName").asString()).isEqualTo("Bo");
		assertThat(seenByAda.get("members")).hasSize(2);
	}

	@Test
	void onlyFriendsWhoDidNotBlockEachOtherCanStartADirectConversation() {
		Person ada = person("Ada");
		Person stranger = person("Stranger");
		Person blocker = person("Blocker");
		befriend(ada, blocker);
		block(blocker, ada);
		assertThat(post(ada, "/api/conversations/direct", Map.of("userId", stranger.id())).code())
			.isEqualTo("NOT_FRIENDS");
		assertThat(post(ada, "/api/conversations/direct", Map.of("userId", blocker.id())).code()).isEqualTo("BLOCKED");
		assertThat(post(ada, "/api/conversations/direct", Map.of("userId", ada.id())).code())
			.isEqualTo("CANNOT_MESSAGE_SELF");
	}

	@Test
	void typingIsForMembersWhoMayStillMessageEachOtherAndABlockAnnouncesTheChange() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person eve = person("Eve");
		String id = direct(ada, bo);
		assertThat(get(bo, "/api/conversations/" + id + "/members").json().get("memberIds"))
			.extracting(JsonNode::asString)
			.containsExactlyInAnyOrder(ada.id(), bo.id());
		assertThat(get(eve, "/api/conversations/" + id + "/members").code()).isEqualTo("NOT_A_MEMBER");

		block(ada, bo);
		awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.CONVERSATION_UPDATED)
				&& e.data().get("deliveries").isEmpty());
		assertThat(get(bo, "/api/conversations/" + id + "/members").code()).isEqualTo("BLOCKED");
		assertThat(get(ada, "/api/conversations/" + id + "/members").code()).isEqualTo("BLOCKED");
	}

	@Test
	void inAGroupABlockedPersonsMessagesAndTypingAreHiddenFromTheBlockerOnly() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String id = group(ada, bo, cy);
		block(cy, bo);
		awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.CONVERSATION_UPDATED)
				&& e.data().get("deliveries").isEmpty());

		assertThat(send(bo, id, "hello all").status()).isEqualTo(201);

		JsonNode live = awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED)).data()
			.get("deliveries");
		assertThat(live).hasSize(2);
		for (JsonNode delivery : live) {
			boolean toCy = delivery.get("to").toString().contains(cy.id());
			JsonNode message = delivery.at("/data/message");
			assertThat(message.get("senderBlocked").asBoolean()).isEqualTo(toCy);
			assertThat(message.get("text").asString()).isEqualTo(toCy ? "" : "hello all");
		}
		JsonNode seenByCy = get(cy, "/api/conversations/" + id + "/messages").json().get("items").get(0);
		assertThat(seenByCy.get("senderBlocked").asBoolean()).isTrue();
		assertThat(seenByCy.get("text").asString()).isEmpty();
		JsonNode seenByAda = get(ada, "/api/conversations/" + id + "/messages").json().get("items").get(0);
		assertThat(seenByAda.get("text").asString()).isEqualTo("hello all");
		JsonNode cysList = get(cy, "/api/conversations").json().get("items").get(0);
		assertThat(cysList.get("unreadCount").asInt()).as("a blocked person's messages are not unread").isZero();
		assertThat(cysList.at("/lastMessage/senderBlocked").asBoolean()).isTrue();

		assertThat(get(bo, "/api/conversations/" + id + "/members").json().get("blocks")).extracting(JsonNode::asString)
			.containsExactly(cy.id() + ">" + bo.id());
		Person eve = friendOf(ada, "Eve");
		block(eve, ada);
		assertThat(post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(eve.id()))).code())
			.as("nobody can add someone who blocked them")
			.isEqualTo("NOT_FRIENDS");
	}

	@Test
	void peopleAddedToAGroupSeeOnlyWhatIsSaidAfterUnlessTheGroupSaysOtherwise() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person di = friendOf(ada, "Di");
		String id = group(ada, bo);
		send(ada, id, "before cy");
		assertThat(get(ada, "/api/conversations/" + id).json().get("newMembersSeeHistory").asBoolean()).isFalse();

		post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(cy.id())));
		send(ada, id, "after cy");
		assertThat(texts(get(cy, "/api/conversations/" + id + "/messages").json())).containsExactly("after cy");
		assertThat(get(cy, "/api/conversations").json().at("/items/0/unreadCount").asInt()).isEqualTo(1);

		assertThat(call(bo, HttpMethod.PATCH, "/api/conversations/" + id, Map.of("newMembersSeeHistory", true)).code())
			.isEqualTo("NOT_ADMIN");
		JsonNode changed = call(ada, HttpMethod.PATCH, "/api/conversations/" + id, Map.of("newMembersSeeHistory", true))
			.json();
		assertThat(changed.get("newMembersSeeHistory").asBoolean()).isTrue();
		assertThat(changed.get("title").asString()).as("the title stays").isEqualTo("G");
		post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(di.id())));
		assertThat(texts(get(di, "/api/conversations/" + id + "/messages").json())).containsExactly("after cy",
				"before cy");
	}

	private static List<String> texts(JsonNode page) {
		List<String> texts = new java.util.ArrayList<>();
		page.get("items").forEach((item) -> texts.add(item.get("text").asString()));
		return texts;
	}

	@Test
	void theCreatorAdministersAGroupOfFriendsAndMembersCannot() {
		Person ada = person("Ada");
		Person bo = person("Bo");
		Person cy = person("Cy");
		Person stranger = person("Stranger");
		befriend(ada, bo);
		befriend(ada, cy);
		Reply created = post(ada, "/api/conversations", Map.of("title", "  Trip  ", "memberIds", List.of(bo.id())));
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("title").asString()).isEqualTo("Trip");
		assertThat(created.json().get("myRole").asString()).isEqualTo("ADMIN");
		assertThat(roles(created.json())).containsEntry(ada.id(), "ADMIN").containsEntry(bo.id(), "MEMBER");

		assertThat(call(bo, HttpMethod.PATCH, "/api/conversations/" + id, Map.of("title", "Mine")).code())
			.isEqualTo("NOT_ADMIN");
		assertThat(post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(stranger.id()))).code())
			.isEqualTo("NOT_FRIENDS");
		assertThat(get(stranger, "/api/conversations/" + id).code()).isEqualTo("NOT_A_MEMBER");
		assertThat(get(stranger, "/api/conversations/" + id + "/messages").code()).isEqualTo("NOT_A_MEMBER");

		JsonNode renamed = call(ada, HttpMethod.PATCH, "/api/conversations/" + id, Map.of("title", "Road trip")).json();
		assertThat(renamed.get("title").asString()).isEqualTo("Road trip");
		JsonNode grown = post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(cy.id()))).json();
		assertThat(roles(grown)).containsKeys(ada.id(), bo.id(), cy.id());
		assertThat(delete(bo, "/api/conversations/" + id + "/members/" + cy.id()).code()).isEqualTo("NOT_ADMIN");
		assertThat(delete(ada, "/api/conversations/" + id + "/members/" + cy.id()).status()).isEqualTo(204);
		assertThat(get(cy, "/api/conversations/" + id).code()).isEqualTo("NOT_A_MEMBER");
		assertThat(call(ada, HttpMethod.PATCH, "/api/conversations/" + id, Map.of("title", " ")).code())
			.isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void whenTheLastAdminLeavesTheMemberWhoJoinedFirstTakesOverAndTheLastToLeaveEndsTheGroup() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String id = group(ada, bo);
		post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(cy.id())));

		assertThat(delete(ada, "/api/conversations/" + id + "/members/" + ada.id()).status()).isEqualTo(204);
		JsonNode after = get(bo, "/api/conversations/" + id).json();
		assertThat(roles(after)).isEqualTo(Map.of(bo.id(), "ADMIN", cy.id(), "MEMBER"));
		Event told = awaitEvent((e) -> e.key().equals(id) && e.data().toString().contains("conversation.removed"));
		assertThat(told.data().toString()).contains(ada.id());

		delete(bo, "/api/conversations/" + id + "/members/" + bo.id());
		delete(cy, "/api/conversations/" + id + "/members/" + cy.id());
		assertThat(get(cy, "/api/conversations/" + id).code()).isEqualTo("CONVERSATION_NOT_FOUND");
	}

	@Test
	void aMemberMutesAConversationForThemselfUntilATimeAndTheirDevicesAreTold() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person eve = person("Eve");
		String id = group(ada, bo);
		String until = java.time.Instant.now().plus(java.time.Duration.ofHours(8)).toString();
		Reply muted = call(ada, HttpMethod.PUT, "/api/conversations/" + id + "/mute", Map.of("until", until));
		assertThat(muted.status()).isEqualTo(200);
		assertThat(java.time.Instant.parse(muted.json().get("mutedUntil").asString()))
			.isEqualTo(java.time.Instant.parse(until).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		assertThat(get(ada, "/api/conversations").json().get("items").get(0).get("mutedUntil").isNull()).isFalse();
		assertThat(get(bo, "/api/conversations/" + id).json().get("mutedUntil").isNull()).isTrue();
		JsonNode told = awaitEvent((e) -> e.type().equals(MessageEvents.CONVERSATION_MUTED)).data()
			.get("deliveries")
			.get(0);
		assertThat(told.get("to")).extracting(JsonNode::asString).containsExactly(ada.id());
		assertThat(told.get("data").get("mutedUntil").asString()).isEqualTo(muted.json().get("mutedUntil").asString());

		// A time already past unmutes, as null does; and only members mute.
		Map<String, Object> past = Map.of("until", "2020-01-01T00:00:00Z");
		assertThat(
				call(ada, HttpMethod.PUT, "/api/conversations/" + id + "/mute", past).json().get("mutedUntil").isNull())
			.isTrue();
		call(ada, HttpMethod.PUT, "/api/conversations/" + id + "/mute", Map.of("until", until));
		java.util.Map<String, Object> unmute = new java.util.HashMap<>();
		unmute.put("until", null);
		assertThat(call(ada, HttpMethod.PUT, "/api/conversations/" + id + "/mute", unmute).json()
			.get("mutedUntil")
			.isNull()).isTrue();
		assertThat(call(eve, HttpMethod.PUT, "/api/conversations/" + id + "/mute", Map.of("until", until)).code())
			.isEqualTo("NOT_A_MEMBER");
	}

	@Test
	void theListShowsMostRecentActivityFirstWithLastMessageAndUnreadCount() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String withBo = direct(ada, bo);
		String withCy = direct(ada, cy);
		send(bo, withBo, "one");
		send(bo, withBo, "two");
		send(cy, withCy, "hi");
		send(ada, withCy, "mine");

		JsonNode list = get(ada, "/api/conversations").json().get("items");
		assertThat(list).extracting((c) -> c.get("id").asString()).containsExactly(withCy, withBo);
		assertThat(list.get(0).get("lastMessage").get("text").asString()).isEqualTo("mine");
		// Answering counts as having read what came before.
		assertThat(list.get(0).get("unreadCount").asInt()).isZero();
		assertThat(list.get(1).get("unreadCount").asInt()).isEqualTo(2);
		assertThat(list.get(1).get("peer").get("id").asString()).isEqualTo(bo.id());
	}

	private static Map<String, String> roles(JsonNode conversation) {
		return java.util.stream.StreamSupport.stream(conversation.get("members").spliterator(), false)
			.collect(Collectors.toMap((m) -> m.get("user").get("id").asString(), (m) -> m.get("role").asString()));
	}

}
