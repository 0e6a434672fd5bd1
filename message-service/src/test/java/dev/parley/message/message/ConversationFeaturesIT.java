package dev.parley.message.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.platform.events.MessageCommands.EditMessage;
import dev.parley.platform.events.MessageCommands.React;
import dev.parley.platform.events.MessageCommands.SendMessage;
import dev.parley.platform.events.MessageEvents;
import dev.parley.testsupport.TestHttp.Reply;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies, edits and reactions: their rules, their events and the catch-up. */
class ConversationFeaturesIT extends MessageServiceIntegrationTest {

	@Test
	void aReplyQuotesItsOriginalAsTheOriginalIsNow() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String original = send(ada, id, "Lunch at " + "noon? ".repeat(50)).json().get("id").asString();
		Reply reply = reply(bo, id, "Yes!", original);
		assertThat(reply.status()).isEqualTo(201);
		JsonNode quote = reply.json().get("replyTo");
		assertThat(quote.get("id").asString()).isEqualTo(original);
		assertThat(quote.get("senderId").asString()).isEqualTo(ada.id());
		assertThat(quote.get("text").asString()).startsWith("Lunch at noon?").hasSize(200);
		assertThat(quote.get("deleted").asBoolean()).isFalse();

		patch(ada, message(id, original), Map.of("text", "Lunch at one?"));
		assertThat(newest(bo, id).get("replyTo").get("text").asString()).isEqualTo("Lunch at one?");
		delete(ada, message(id, original) + "?scope=everyone");
		JsonNode gone = newest(ada, id).get("replyTo");
		assertThat(gone.get("deleted").asBoolean()).isTrue();
		assertThat(gone.get("text").asString()).isEmpty();

		// Only a message of this conversation that the sender can see.
		String elsewhere = send(ada, group(ada, bo), "elsewhere").json().get("id").asString();
		assertThat(invalidField(reply(bo, id, "?", elsewhere))).isEqualTo("replyToId");
		String hidden = send(ada, id, "hide me").json().get("id").asString();
		delete(bo, message(id, hidden) + "?scope=me");
		assertThat(invalidField(reply(bo, id, "?", hidden))).isEqualTo("replyToId");
		assertThat(reply(ada, id, "still mine to quote", hidden).status()).isEqualTo(201);
	}

	@Test
	void onlyTheSenderEditsTheirTextAndOnlyWithinTheEditWindow() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person eve = person("Eve");
		String id = direct(ada, bo);
		JsonNode sent = send(ada, id, "helo").json();
		String messageId = sent.get("id").asString();
		assertThat(patch(bo, message(id, messageId), Map.of("text", "hijacked")).code()).isEqualTo("NOT_SENDER");
		assertThat(patch(eve, message(id, messageId), Map.of("text", "hijacked")).code()).isEqualTo("NOT_A_MEMBER");
		assertThat(invalidField(patch(ada, message(id, messageId), Map.of("text", "  ")))).isEqualTo("text");

		Reply edited = patch(ada, message(id, messageId), Map.of("text", " hello "));
		assertThat(edited.status()).isEqualTo(200);
		assertThat(edited.json().get("text").asString()).isEqualTo("hello");
		assertThat(edited.json().get("editedAt").isNull()).isFalse();
		long version = edited.json().get("version").asLong();
		assertThat(version).isGreaterThan(sent.get("seq").asLong());
		assertThat(newest(bo, id).get("text").asString()).isEqualTo("hello");
		// The same text again is no change.
		assertThat(patch(ada, message(id, messageId), Map.of("text", "hello")).json().get("version").asLong())
			.isEqualTo(version);

		this.jdbc.sql("update message set created_at = now() - interval '25 hours' where id = :id::uuid")
			.param("id", messageId)
			.update();
		assertThat(patch(ada, message(id, messageId), Map.of("text", "too late")).code())
			.isEqualTo("EDIT_WINDOW_CLOSED");

		String doomed = send(ada, id, "doomed").json().get("id").asString();
		delete(ada, message(id, doomed) + "?scope=everyone");
		assertThat(patch(ada, message(id, doomed), Map.of("text", "back")).code()).isEqualTo("MESSAGE_DELETED");
		assertThat(patch(ada, message(id, UUID.randomUUID().toString()), Map.of("text", "x")).code())
			.isEqualTo("MESSAGE_NOT_FOUND");

		String fresh = send(ada, id, "fresh").json().get("id").asString();
		unfriend(ada, bo);
		assertThat(patch(ada, message(id, fresh), Map.of("text", "after unfriending")).code()).isEqualTo("NOT_FRIENDS");
	}

	@Test
	void reactionsAreOnePerPersonAndEmojiAndGoWithTheMessage() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person eve = person("Eve");
		String id = group(ada, bo, cy);
		String messageId = send(ada, id, "Party on Friday").json().get("id").asString();

		JsonNode once = react(ada, id, messageId, "👍").json();
		JsonNode twice = react(ada, id, messageId, "👍").json();
		assertThat(twice.get("version").asLong()).isEqualTo(once.get("version").asLong());
		react(bo, id, messageId, "👍");
		JsonNode now = react(bo, id, messageId, "❤️").json();
		assertThat(reactions(now)).containsExactly("👍 2 " + ada.id() + "," + bo.id(), "❤️ 1 " + bo.id());
		assertThat(reactions(newest(cy, id))).containsExactly("👍 2 " + ada.id() + "," + bo.id(), "❤️ 1 " + bo.id());

		assertThat(reactions(unreact(ada, id, messageId, "👍").json())).containsExactly("👍 1 " + bo.id(),
				"❤️ 1 " + bo.id());
		long version = unreact(ada, id, messageId, "👍").json().get("version").asLong();
		assertThat(unreact(ada, id, messageId, "🎉").json().get("version").asLong()).isEqualTo(version);

		for (String notOne : List.of("a", "1", "👍👍", "ok", "é")) {
			assertThat(invalidField(react(cy, id, messageId, notOne))).as(notOne).isEqualTo("emoji");
		}
		for (String one : List.of("👍🏽", "🇫🇷", "1️⃣", "👨‍👩‍👧")) {
			assertThat(react(cy, id, messageId, one).status()).as(one).isEqualTo(200);
		}
		assertThat(react(eve, id, messageId, "👍").code()).isEqualTo("NOT_A_MEMBER");

		String many = send(ada, id, "many").json().get("id").asString();
		List<String> twenty = "😀 😁 😂 🤣 😃 😄 😅 😆 😉 😊 😋 😎 😍 😘 🥰 😗 😙 😚 🙂 🤗".lines()
			.flatMap((line) -> List.of(line.split(" ")).stream())
			.toList();
		twenty.forEach((emoji) -> react(bo, id, many, emoji));
		assertThat(react(bo, id, many, "🤩").code()).isEqualTo("REACTION_LIMIT");
		assertThat(react(bo, id, many, "😀").status()).isEqualTo(200);

		delete(ada, message(id, messageId) + "?scope=everyone");
		assertThat(react(bo, id, messageId, "👍").code()).isEqualTo("MESSAGE_DELETED");
		assertThat(newest(bo, id, 2).get("reactions")).isEmpty();
		assertThat(count("select count(*) from reaction where conversation_id = '" + id + "' and seq = "
				+ newest(bo, id, 2).get("seq").asLong()))
			.isZero();
	}

	@Test
	void aReconnectingClientCatchesUpOnEditsAndReactionsAndTheMembersAreToldLive() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String first = send(ada, id, "first").json().get("id").asString();
		String second = send(bo, id, "second").json().get("id").asString();
		long seen = get(bo, "/api/conversations/" + id).json().get("lastSeq").asLong();

		// Over the socket, as signaling-service hands the frames on.
		command(id, EditMessage.TYPE, new EditMessage(id, first, "first, edited", origin(ada, "e1")));
		command(id, React.TYPE, new React(id, second, "🎉", true, origin(ada, "r1")));
		Event edit = awaitEvent(replyTo("e1"));
		assertThat(edit.type()).isEqualTo(MessageEvents.MESSAGE_UPDATED);
		assertThat(edit.data().get("reply").get("ack").get("editedAt").isNull()).isFalse();
		JsonNode updated = edit.data().get("deliveries").get(0);
		assertThat(updated.get("frame").asString()).isEqualTo("message.updated");
		assertThat(updated.get("to")).extracting(JsonNode::asString).containsExactlyInAnyOrder(ada.id(), bo.id());
		assertThat(updated.get("data").get("message").get("text").asString()).isEqualTo("first, edited");
		Event reaction = awaitEvent(replyTo("r1"));
		assertThat(reaction.type()).isEqualTo(MessageEvents.REACTION_UPDATED);
		JsonNode reacted = reaction.data().get("deliveries").get(0);
		assertThat(reacted.get("frame").asString()).isEqualTo("reaction.updated");
		assertThat(reactions(reacted.get("data"))).containsExactly("🎉 1 " + ada.id());

		JsonNode missed = get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + seen).json().get("items");
		assertThat(missed).extracting((m) -> m.get("id").asString()).containsExactly(first, second);
		assertThat(missed.get(0).get("text").asString()).isEqualTo("first, edited");
		assertThat(missed.get(1).get("version").asLong()).isEqualTo(reacted.get("data").get("version").asLong())
			.isGreaterThan(missed.get(0).get("version").asLong());
		assertThat(reactions(missed.get(1))).containsExactly("🎉 1 " + ada.id());
		assertThat(get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + missed.get(1).get("version").asLong())
			.json()
			.get("items")).isEmpty();

		// A refusal reaches the frame as an error; a reply goes through the socket too.
		command(id, EditMessage.TYPE, new EditMessage(id, first, "not mine", origin(bo, "e2")));
		assertThat(awaitEvent(replyTo("e2")).data().get("reply").get("code").asString()).isEqualTo("NOT_SENDER");
		command(id, SendMessage.TYPE, new SendMessage(id, "reply-1", "re", List.of(), first, origin(bo, "s1")));
		awaitEvent(replyTo("s1"));
		assertThat(newest(ada, id).get("replyTo").get("text").asString()).isEqualTo("first, edited");
	}

	@Test
	void inAGroupAReaderWhoBlockedSomeoneSeesNeitherTheirMessagesNorQuotesOfThem() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String id = group(ada, bo, cy);
		String fromBo = send(bo, id, "Bo's secret").json().get("id").asString();
		block(cy, bo);
		reply(ada, id, "Ada quoting Bo", fromBo);
		JsonNode seenByCy = newest(cy, id);
		assertThat(seenByCy.get("text").asString()).isEqualTo("Ada quoting Bo");
		assertThat(seenByCy.get("replyTo").get("text").asString()).isEmpty();
		assertThat(seenByCy.get("replyTo").get("senderBlocked").asBoolean()).isTrue();
		assertThat(newest(ada, id).get("replyTo").get("text").asString()).isEqualTo("Bo's secret");
		JsonNode frames = awaitEvent(
				(e) -> e.type().equals(MessageEvents.MESSAGE_CREATED) && e.data().toString().contains("Ada quoting Bo"))
			.data()
			.get("deliveries");
		assertThat(frames).hasSize(2);
		for (JsonNode delivery : frames) {
			boolean toCy = delivery.get("to").toString().contains(cy.id());
			assertThat(delivery.get("data").get("message").get("replyTo").get("text").asString())
				.isEqualTo(toCy ? "" : "Bo's secret");
		}
	}

	@Test
	void changesReachOnlyThoseWhoCanSeeTheMessageAndABlockerSeesNoReactionsOfWhomTheyBlocked() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String id = group(ada, bo);
		String before = send(ada, id, "before Cy came").json().get("id").asString();
		post(ada, "/api/conversations/" + id + "/members", Map.of("userIds", List.of(cy.id())));

		// Cy joined without the history: no edit or reaction of an older message reaches
		// her.
		patch(ada, message(id, before), Map.of("text", "before Cy came, edited"));
		react(bo, id, before, "👍");
		JsonNode edited = awaitEvent((e) -> e.type().equals(MessageEvents.MESSAGE_UPDATED)
				&& e.data().toString().contains("before Cy came, edited"))
			.data();
		JsonNode reacted = awaitEvent(
				(e) -> e.type().equals(MessageEvents.REACTION_UPDATED) && e.data().toString().contains(before))
			.data();
		for (JsonNode event : List.of(edited, reacted)) {
			assertThat(event.get("deliveries").valueStream().flatMap((d) -> d.get("to").valueStream()))
				.extracting(JsonNode::asString)
				.containsExactlyInAnyOrder(ada.id(), bo.id());
		}

		// Bo blocked Cy: he sees none of her reactions, live or in the history.
		String after = send(ada, id, "after").json().get("id").asString();
		block(bo, cy);
		react(bo, id, after, "👍");
		JsonNode cyReacts = react(cy, id, after, "🎉").json();
		assertThat(reactions(cyReacts)).containsExactly("👍 1 " + bo.id(), "🎉 1 " + cy.id());
		assertThat(reactions(newest(bo, id))).containsExactly("👍 1 " + bo.id());
		assertThat(reactions(newest(ada, id))).containsExactly("👍 1 " + bo.id(), "🎉 1 " + cy.id());
		JsonNode live = awaitEvent(
				(e) -> e.type().equals(MessageEvents.REACTION_UPDATED) && e.data().toString().contains("🎉"))
			.data()
			.get("deliveries");
		assertThat(live).hasSize(2);
		for (JsonNode delivery : live) {
			boolean toBo = delivery.get("to").toString().contains(bo.id());
			assertThat(delivery.get("to")).hasSize(toBo ? 1 : 2);
			assertThat(reactions(delivery.get("data"))).hasSize(toBo ? 1 : 2);
		}
	}

	@Test
	void anEmojiWithOrWithoutItsVariationSelectorIsOneReaction() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String messageId = send(ada, id, "love it").json().get("id").asString();
		react(ada, id, messageId, "\u2764");
		react(bo, id, messageId, "\u2764\uFE0F");
		react(bo, id, messageId, "1\u20E3");
		assertThat(reactions(react(ada, id, messageId, "\uD83D\uDC4D\uFE0F").json())).containsExactly(
				"\u2764\uFE0F 2 " + ada.id() + "," + bo.id(), "1\uFE0F\u20E3 1 " + bo.id(),
				"\uD83D\uDC4D 1 " + ada.id());
		assertThat(reactions(unreact(bo, id, messageId, "\u2764").json())).first()
			.isEqualTo("\u2764\uFE0F 1 " + ada.id());
	}

	@Test
	void mentionsNameMembersByUsernameAndCountAsTheirsUntilRead() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person eve = friendOf(ada, "Eve");
		String id = group(ada, bo, cy);
		String text = "Lunch, @" + bo.username().toUpperCase() + " and @" + cy.username() + ". Not @" + eve.username()
				+ " (not here), nor mail@" + bo.username() + ".org";
		JsonNode sent = send(ada, id, text).json();
		// In the members' order (people added together: by id).
		List<String> named = get(ada, "/api/conversations/" + id).json()
			.get("members")
			.valueStream()
			.map((m) -> m.get("user").get("id").asString())
			.filter((member) -> member.equals(bo.id()) || member.equals(cy.id()))
			.toList();
		assertThat(sent.get("mentions")).extracting(JsonNode::asString).containsExactlyElementsOf(named);
		assertThat(newest(cy, id).get("mentions")).extracting(JsonNode::asString).containsExactlyElementsOf(named);
		assertThat(unreadMentions(bo, id)).isEqualTo(1);
		assertThat(unreadMentions(cy, id)).isEqualTo(1);
		assertThat(unreadMentions(ada, id)).isZero();
		post(bo, "/api/conversations/" + id + "/read", Map.of("messageId", sent.get("id").asString()));
		assertThat(unreadMentions(bo, id)).isZero();

		// An edit finds them again.
		JsonNode edited = patch(ada, message(id, sent.get("id").asString()), Map.of("text", "Only @" + cy.username()))
			.json();
		assertThat(edited.get("mentions")).extracting(JsonNode::asString).containsExactly(cy.id());
		assertThat(send(bo, id, "no one @ all").json().get("mentions")).isEmpty();
	}

	private int unreadMentions(Person reader, String conversationId) {
		return get(reader, "/api/conversations/" + conversationId).json().get("unreadMentions").asInt();
	}

	private Reply reply(Person as, String conversationId, String text, String replyToId) {
		return post(as, "/api/conversations/" + conversationId + "/messages",
				Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text, "replyToId", replyToId));
	}

	private Reply react(Person as, String conversationId, String messageId, String emoji) {
		return call(as, HttpMethod.PUT, reaction(conversationId, messageId, emoji), null);
	}

	private Reply unreact(Person as, String conversationId, String messageId, String emoji) {
		return call(as, HttpMethod.DELETE, reaction(conversationId, messageId, emoji), null);
	}

	private static String reaction(String conversationId, String messageId, String emoji) {
		return message(conversationId, messageId) + "/reactions/"
				+ URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String message(String conversationId, String messageId) {
		return "/api/conversations/" + conversationId + "/messages/" + messageId;
	}

	private JsonNode newest(Person reader, String conversationId) {
		return newest(reader, conversationId, 1);
	}

	/** The n-th newest message the reader sees. */
	private JsonNode newest(Person reader, String conversationId, int n) {
		return get(reader, "/api/conversations/" + conversationId + "/messages?limit=" + n).json()
			.get("items")
			.get(n - 1);
	}

	/** Each reaction as "emoji count userIds". */
	private static List<String> reactions(JsonNode withReactions) {
		return withReactions.get("reactions")
			.valueStream()
			.map((r) -> r.get("emoji").asString() + " " + r.get("count").asInt() + " "
					+ String.join(",", r.get("userIds").valueStream().map(JsonNode::asString).toList()))
			.toList();
	}

}
