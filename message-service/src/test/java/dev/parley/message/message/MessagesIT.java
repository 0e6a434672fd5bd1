package dev.parley.message.message;

import dev.parley.testsupport.TestHttp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesIT extends MessageServiceIntegrationTest {

	@Test
	void theSameSendTwiceStoresOneMessageAndAnswersTheSame() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		Map<String, Object> body = Map.of("clientMessageId", "c-1", "text", "  hello\nthere  ");
		Reply first = post(ada, "/api/conversations/" + id + "/messages", body);
		Reply again = post(ada, "/api/conversations/" + id + "/messages", body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
		assertThat(first.json().get("text").asString()).isEqualTo("hello\nthere");
		assertThat(count("select count(*) from message where conversation_id = '" + id + "'")).isEqualTo(1);

		String other = group(ada, bo);
		assertThat(post(ada, "/api/conversations/" + other + "/messages", body).code())
			.isEqualTo("CLIENT_MESSAGE_ID_REUSED");
	}

	@Test
	void badTextIsRefusedNamingTheField() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		assertThat(send(ada, id, "x".repeat(4001)).code()).isEqualTo("VALIDATION_FAILED");
		assertThat(send(ada, id, "   ").code()).isEqualTo("VALIDATION_FAILED");
		Reply control = send(ada, id, "bell\u0007");
		assertThat(control.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(control.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
		assertThat(send(ada, id, "é".repeat(4000)).status()).isEqualTo(201);
		assertThat(send(ada, id, "<img src=x onerror=alert(1)>").json().get("text").asString())
			.isEqualTo("<img src=x onerror=alert(1)>");
	}

	@Test
	void afterAnUnfriendOrABlockSendsAreRefusedButTheHistoryStaysReadable() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		String withBo = direct(ada, bo);
		String withCy = direct(ada, cy);
		send(ada, withBo, "before");
		unfriend(bo, ada);
		assertThat(send(ada, withBo, "after").code()).isEqualTo("NOT_FRIENDS");
		assertThat(send(bo, withBo, "after").code()).isEqualTo("NOT_FRIENDS");
		assertThat(texts(get(bo, "/api/conversations/" + withBo + "/messages").json())).containsExactly("before");

		block(cy, ada);
		assertThat(send(ada, withCy, "hello?").code()).isEqualTo("BLOCKED");
	}

	@Test
	void historyPagesCoverEveryMessageOnceAcrossPageBoundaries() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		for (int i = 1; i <= 230; i++) {
			send((i % 3 == 0) ? bo : ada, id, "m" + i);
		}
		List<String> newestFirst = new ArrayList<>();
		JsonNode page = get(bo, "/api/conversations/" + id + "/messages?limit=100").json();
		while (true) {
			newestFirst.addAll(texts(page));
			if (!page.get("hasMore").asBoolean()) {
				break;
			}
			String oldest = page.get("items").get(page.get("items").size() - 1).get("id").asString();
			page = get(bo, "/api/conversations/" + id + "/messages?limit=100&before=" + oldest).json();
		}
		List<String> expected = new ArrayList<>();
		for (int i = 230; i >= 1; i--) {
			expected.add("m" + i);
		}
		assertThat(newestFirst).isEqualTo(expected);

		String hundredth = get(bo, "/api/conversations/" + id + "/messages?limit=100").json()
			.get("items")
			.get(99)
			.get("id")
			.asString();
		JsonNode newer = get(bo, "/api/conversations/" + id + "/messages?limit=100&after=" + hundredth).json();
		assertThat(texts(newer)).first().isEqualTo("m132");
		assertThat(texts(newer)).last().isEqualTo("m230");
		assertThat(newer.get("hasMore").asBoolean()).isFalse();
		assertThat(get(bo, "/api/conversations/" + id + "/messages?limit=101").code()).isEqualTo("VALIDATION_FAILED");
	}

	@Test
	void deletesLeaveTombstonesForEveryoneAndHideForOneAndAReconnectingClientSeesThem() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String first = send(ada, id, "first").json().get("id").asString();
		String second = send(bo, id, "second").json().get("id").asString();
		long seen = get(bo, "/api/conversations/" + id).json().get("lastSeq").asLong();

		assertThat(delete(bo, "/api/conversations/" + id + "/messages/" + first + "?scope=everyone").code())
			.isEqualTo("NOT_SENDER");
		assertThat(delete(ada, "/api/conversations/" + id + "/messages/" + first + "?scope=everyone").status())
			.isEqualTo(204);
		send(ada, id, "third");

		JsonNode missed = get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + seen).json();
		assertThat(missed.get("items")).extracting((m) -> m.get("id").asString() + ":" + m.get("deleted").asBoolean())
			.containsExactly(first + ":true", missed.get("items").get(1).get("id").asString() + ":false");
		JsonNode tombstone = missed.get("items").get(0);
		assertThat(tombstone.get("text").asString()).isEmpty();
		assertThat(tombstone.get("version").asLong()).isGreaterThan(tombstone.get("seq").asLong());

		delete(bo, "/api/conversations/" + id + "/messages/" + second + "?scope=me");
		assertThat(texts(get(bo, "/api/conversations/" + id + "/messages").json())).containsExactly("third", "");
		assertThat(texts(get(ada, "/api/conversations/" + id + "/messages").json())).containsExactly("third", "second",
				"");

		delete(ada, "/api/conversations/" + id + "/messages");
		assertThat(get(ada, "/api/conversations/" + id + "/messages").json().get("items")).isEmpty();
		assertThat(get(ada, "/api/conversations/" + id).json().get("lastMessage").isNull()).isTrue();
		assertThat(get(bo, "/api/conversations/" + id + "/messages").json().get("items")).hasSize(2);
	}

	@Test
	void aDeviceCatchingUpLearnsWhatTheReaderHidOrClearedOnAnotherDeviceAndNobodyElseDoes() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String first = send(ada, id, "first").json().get("id").asString();
		String second = send(ada, id, "second").json().get("id").asString();
		long adaSaw = get(ada, "/api/conversations/" + id).json().get("lastSeq").asLong();
		long boSaw = get(bo, "/api/conversations/" + id).json().get("lastSeq").asLong();

		// Bo hides "second" on his phone; his laptop was offline and catches up.
		assertThat(delete(bo, "/api/conversations/" + id + "/messages/" + second + "?scope=me").status())
			.isEqualTo(204);
		assertThat(delete(bo, "/api/conversations/" + id + "/messages/" + second + "?scope=me").status())
			.as("hiding twice is fine")
			.isEqualTo(204);
		JsonNode caughtUp = get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + boSaw).json();
		assertThat(caughtUp.get("items")).hasSize(1);
		JsonNode hidden = caughtUp.get("items").get(0);
		assertThat(hidden.get("id").asString()).isEqualTo(second);
		assertThat(hidden.get("hidden").asBoolean()).isTrue();
		assertThat(hidden.get("text").asString()).isEmpty();
		assertThat(hidden.get("version").asLong()).isGreaterThan(boSaw);
		assertThat(get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + hidden.get("version").asLong()).json()
			.get("items")).as("the hide is reported once").isEmpty();
		// Ada never learns of Bo's hide, and still sees both messages.
		assertThat(get(ada, "/api/conversations/" + id + "/messages?afterSeq=" + adaSaw).json().get("items")).isEmpty();
		assertThat(texts(get(ada, "/api/conversations/" + id + "/messages").json())).containsExactly("second", "first");

		// Then a new message, and Bo clears the conversation on his phone.
		send(ada, id, "third");
		long beforeClear = hidden.get("version").asLong();
		assertThat(get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + beforeClear).json()
			.get("clearedSeq")
			.asLong()).isZero();
		assertThat(delete(bo, "/api/conversations/" + id + "/messages").status()).isEqualTo(204);
		JsonNode afterClear = get(bo, "/api/conversations/" + id + "/messages?afterSeq=" + beforeClear).json();
		assertThat(afterClear.get("items")).isEmpty();
		assertThat(afterClear.get("clearedSeq").asLong())
			.isEqualTo(get(bo, "/api/conversations/" + id).json().get("lastSeq").asLong());
		assertThat(get(ada, "/api/conversations/" + id + "/messages").json().get("clearedSeq").asLong()).isZero();
		assertThat(texts(get(ada, "/api/conversations/" + id + "/messages").json())).containsExactly("third", "second",
				"first");
	}

	@Test
	void readPositionsOnlyMoveForwardAndCountUnread() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String one = send(ada, id, "1").json().get("id").asString();
		String two = send(ada, id, "2").json().get("id").asString();
		send(ada, id, "3");
		assertThat(get(bo, "/api/conversations/" + id).json().get("unreadCount").asInt()).isEqualTo(3);
		post(bo, "/api/conversations/" + id + "/read", Map.of("messageId", two));
		post(bo, "/api/conversations/" + id + "/read", Map.of("messageId", one));
		JsonNode seen = get(bo, "/api/conversations/" + id).json();
		assertThat(seen.get("unreadCount").asInt()).isEqualTo(1);
		JsonNode boAsMember = java.util.stream.StreamSupport.stream(seen.get("members").spliterator(), false)
			.filter((m) -> m.get("user").get("id").asString().equals(bo.id()))
			.findFirst()
			.orElseThrow();
		assertThat(boAsMember.get("lastReadSeq").asLong()).isEqualTo(2);
		assertThat(post(bo, "/api/conversations/" + id + "/read", Map.of("messageId", UUID.randomUUID())).code())
			.isEqualTo("MESSAGE_NOT_FOUND");
	}

	private static List<String> texts(JsonNode page) {
		List<String> texts = new ArrayList<>();
		page.get("items").forEach((m) -> texts.add(m.get("text").asString()));
		return texts;
	}

}
