package dev.parley.message.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.testsupport.TestHttp.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** Message search: what it finds, for whom, in what order, and how it is shown. */
class SearchIT extends MessageServiceIntegrationTest {

	@Test
	void findsWholeWordsWhateverTheirCaseAndAccentsMostRelevantFirstWithTheMatchesMarked() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		String once = send(ada, id, "Meet me at the Café de Flore tomorrow").json().get("id").asString();
		String twice = send(bo, id, "cafe? which cafe, the CAFÉ by the river?").json().get("id").asString();
		send(ada, id, "caféteria is not a café word match").json().get("id").asString();
		send(ada, id, "nothing to see here");

		JsonNode found = search(bo, "cafe").json();
		List<String> ids = ids(found);
		assertThat(ids).hasSize(3).startsWith(twice).contains(once);
		JsonNode snippet = found.get("items").get(0).get("snippet");
		assertThat(snippet.get("text").asString()).isEqualTo("cafe? which cafe, the CAFÉ by the river?");
		assertThat(marked(snippet)).containsExactly("cafe", "cafe", "CAFÉ");
		assertThat(found.get("items").get(0).get("message").get("senderId").asString()).isEqualTo(bo.id());
		assertThat(ids(search(ada, "CAFÉ FLORE").json())).containsExactly(once);
		assertThat(ids(search(ada, "\"de flore\"").json())).containsExactly(once);
		assertThat(ids(search(ada, "cafe -river").json())).doesNotContain(twice).contains(once);
		assertThat(search(ada, "caf").json().get("items")).isEmpty();
	}

	@Test
	void findsOnlyWhatTheCallerCanReadNow() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(ada, "Cy");
		Person eve = friendOf(bo, "Eve");
		String adaBo = direct(ada, bo);
		String boEve = direct(bo, eve);
		String group = group(ada, bo, cy);
		send(ada, adaBo, "zebra one");
		send(eve, boEve, "zebra two");
		String fromCy = send(cy, group, "zebra three").json().get("id").asString();
		String deleted = send(ada, group, "zebra four").json().get("id").asString();
		String hidden = send(bo, group, "zebra five").json().get("id").asString();
		String edited = send(ada, group, "zebra six").json().get("id").asString();

		assertThat(texts(search(eve, "zebra"))).containsExactly("zebra two");
		assertThat(texts(search(ada, "zebra"))).containsExactlyInAnyOrder("zebra one", "zebra three", "zebra four",
				"zebra five", "zebra six");
		delete(ada, "/api/conversations/" + group + "/messages/" + deleted + "?scope=everyone");
		delete(ada, "/api/conversations/" + group + "/messages/" + hidden + "?scope=me");
		patch(ada, "/api/conversations/" + group + "/messages/" + edited, Map.of("text", "okapi six"));
		block(ada, cy);
		assertThat(texts(search(ada, "zebra"))).containsExactly("zebra one");
		assertThat(texts(search(ada, "okapi"))).containsExactly("okapi six");
		assertThat(texts(search(bo, "zebra"))).containsExactlyInAnyOrder("zebra one", "zebra two", "zebra three",
				"zebra five");
		assertThat(texts(search(bo, "zebra", "&conversationId=" + group))).containsExactlyInAnyOrder("zebra three",
				"zebra five");
		assertThat(search(eve, "zebra", "&conversationId=" + group).code()).isEqualTo("NOT_A_MEMBER");
		assertThat(search(bo, "zebra", "&before=" + fromCy).status()).isEqualTo(200);
		assertThat(invalidField(search(eve, "zebra", "&before=" + fromCy))).isEqualTo("before");
		assertThat(invalidField(search(ada, "zebra", "&before=" + deleted))).isEqualTo("before");

		delete(bo, "/api/conversations/" + group + "/messages");
		assertThat(texts(search(bo, "zebra"))).containsExactlyInAnyOrder("zebra one", "zebra two");
	}

	@Test
	void pagesGoOnFromTheLastResultAndCoverEveryMatchOnce() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		for (int i = 1; i <= 45; i++) {
			send(ada, id, (i % 5 == 0) ? "walrus walrus " + i : "walrus " + i);
		}
		List<String> seen = new ArrayList<>();
		JsonNode page = search(bo, "walrus", "&limit=20").json();
		int pages = 1;
		while (true) {
			seen.addAll(texts(page));
			if (!page.get("hasMore").asBoolean()) {
				break;
			}
			String last = page.get("items").get(page.get("items").size() - 1).get("message").get("id").asString();
			page = search(bo, "walrus", "&limit=20&before=" + last).json();
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(45).doesNotHaveDuplicates();
		assertThat(seen.subList(0, 9)).allMatch((text) -> text.startsWith("walrus walrus"));
		assertThat(seen.subList(0, 9)).first().isEqualTo("walrus walrus 45");
	}

	@Test
	void aSearchWithoutWordsOrWithTooManyIsRefusedNamingTheField() {
		Person ada = person("Ada");
		assertThat(invalidField(search(ada, ""))).isEqualTo("q");
		assertThat(invalidField(search(ada, "x".repeat(201)))).isEqualTo("q");
		assertThat(invalidField(search(ada, "zebra", "&limit=51"))).isEqualTo("limit");
		assertThat(search(ada, "!!! ???").json().get("items")).isEmpty();
		assertThat(invalidField(search(ada, "-zebra"))).isEqualTo("q");
	}

	private Reply search(Person as, String q) {
		return search(as, q, "");
	}

	private Reply search(Person as, String q, String more) {
		return get(as, "/api/search/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
	}

	private static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("message").get("id").asString()).toList();
	}

	private static List<String> texts(Reply reply) {
		return texts(reply.json());
	}

	private static List<String> texts(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("message").get("text").asString()).toList();
	}

	/** The marked parts of a snippet's text. */
	private static List<String> marked(JsonNode snippet) {
		String text = snippet.get("text").asString();
		return snippet.get("highlights")
			.valueStream()
			.map((h) -> text.substring(h.get("start").asInt(), h.get("start").asInt() + h.get("length").asInt()))
			.toList();
	}

}
