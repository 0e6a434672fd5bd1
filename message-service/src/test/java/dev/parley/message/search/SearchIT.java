package dev.parley.message.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.message.conversation.MessageRepository;
import dev.parley.testsupport.TestHttp.Reply;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Message search: what it finds, for whom, in what order, and how it is shown. */
class SearchIT extends MessageServiceIntegrationTest {

	@Autowired
	private WordShares shares;

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

	@ParameterizedTest
	@ValueSource(strings = { "relevance", "newest" })
	void findsOnlyWhatTheCallerCanReadNowInEitherOrder(String order) {
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

		assertThat(texts(search(eve, "zebra", "&order=" + order))).containsExactly("zebra two");
		assertThat(texts(search(ada, "zebra", "&order=" + order))).containsExactlyInAnyOrder("zebra one", "zebra three",
				"zebra four", "zebra five", "zebra six");
		delete(ada, "/api/conversations/" + group + "/messages/" + deleted + "?scope=everyone");
		delete(ada, "/api/conversations/" + group + "/messages/" + hidden + "?scope=me");
		patch(ada, "/api/conversations/" + group + "/messages/" + edited, Map.of("text", "okapi six"));
		block(ada, cy);
		assertThat(texts(search(ada, "zebra", "&order=" + order))).containsExactly("zebra one");
		assertThat(texts(search(ada, "okapi", "&order=" + order))).containsExactly("okapi six");
		assertThat(texts(search(bo, "zebra", "&order=" + order))).containsExactlyInAnyOrder("zebra one", "zebra two",
				"zebra three", "zebra five");
		assertThat(texts(search(bo, "zebra", "&order=" + order + "&conversationId=" + group)))
			.containsExactlyInAnyOrder("zebra three", "zebra five");
		assertThat(search(eve, "zebra", "&order=" + order + "&conversationId=" + group).code())
			.isEqualTo("NOT_A_MEMBER");
		assertThat(search(bo, "zebra", "&order=" + order + "&before=" + fromCy).status()).isEqualTo(200);
		assertThat(invalidField(search(eve, "zebra", "&order=" + order + "&before=" + fromCy))).isEqualTo("before");
		assertThat(invalidField(search(ada, "zebra", "&order=" + order + "&before=" + deleted))).isEqualTo("before");

		delete(bo, "/api/conversations/" + group + "/messages");
		assertThat(texts(search(bo, "zebra", "&order=" + order))).containsExactlyInAnyOrder("zebra one", "zebra two");
	}

	@Test
	void pagesGoOnFromTheLastResultAndCoverEveryMatchOnce() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		for (int i = 1; i <= 45; i++) {
			send(ada, id, (i % 5 == 0) ? "walrus walrus " + i : "walrus " + i);
		}
		List<JsonNode> pages = pages(bo, "walrus", "&limit=20");
		List<String> seen = pages.stream().flatMap((page) -> texts(page).stream()).toList();
		assertThat(pages).hasSize(3);
		assertThat(seen).hasSize(45).doesNotHaveDuplicates();
		assertThat(seen.subList(0, 9)).allMatch((text) -> text.startsWith("walrus walrus"));
		assertThat(seen.subList(0, 9)).first().isEqualTo("walrus walrus 45");
	}

	@Test
	void newestFirstPagesGoOnFromTheLastResultAndCoverEveryMatchOnce() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		Person cy = friendOf(bo, "Cy");
		String adaBo = direct(ada, bo);
		String boCy = direct(bo, cy);
		List<String> sent = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			String text = ((i % 5 == 0) ? "walrus walrus " : "walrus ") + i;
			send((i % 3 == 0) ? cy : ada, (i % 3 == 0) ? boCy : adaBo, text);
			sent.addFirst(text);
		}
		List<JsonNode> pages = pages(bo, "walrus", "&order=newest&limit=7");
		assertThat(pages).allMatch((page) -> page.get("order").asString().equals("newest"));
		assertThat(pages.stream().flatMap((page) -> texts(page).stream())).containsExactlyElementsOf(sent);
	}

	@Test
	void newestFirstReadsDeeperOnlyWhereAConversationCrowdsThePage() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		List<String> groups = new ArrayList<>();
		for (int g = 1; g <= 8; g++) {
			groups.add(group(ada, bo));
		}
		String adaBo = direct(ada, bo);
		List<String> sent = new ArrayList<>();
		// Three older rounds over eight groups (the last group has one match only), then
		// seven in the direct chat, then the newest in the first group. With 9
		// conversations and pages of 5, the first pass takes each one's newest 2
		// (MessageSearch.firstPass): the direct chat crowds the page and only it is read
		// deeper.
		for (int round = 1; round <= 3; round++) {
			for (int g = 1; g <= 8; g++) {
				if (g < 8 || round == 1) {
					String text = "walrus g" + g + " round " + round;
					send(ada, groups.get(g - 1), text);
					sent.addFirst(text);
				}
			}
		}
		for (int i = 1; i <= 7; i++) {
			String text = "walrus direct " + i;
			send(ada, adaBo, text);
			sent.addFirst(text);
		}
		send(ada, groups.getFirst(), "walrus g1 late");
		sent.addFirst("walrus g1 late");
		assertThat(MessageSearch.firstPass(9, 6)).isEqualTo(2);

		List<JsonNode> pages = pages(bo, "walrus", "&order=newest&limit=5");
		assertThat(texts(pages.getFirst())).containsExactly("walrus g1 late", "walrus direct 7", "walrus direct 6",
				"walrus direct 5", "walrus direct 4");
		assertThat(pages.stream().flatMap((page) -> texts(page).stream())).containsExactlyElementsOf(sent);
	}

	@Test
	void theFirstPassOfNewestFirstTakesFewerFromEachOfMoreConversations() {
		assertThat(MessageSearch.firstPass(1, 21)).isEqualTo(21);
		assertThat(MessageSearch.firstPass(0, 21)).isEqualTo(21);
		assertThat(MessageSearch.firstPass(100, 21)).isEqualTo(2);
		assertThat(MessageSearch.firstPass(10_000, 21)).isEqualTo(1);
	}

	@Test
	void aWordInMoreMessagesThanCanBeRankedIsListedNewestFirstAndARareOneByRelevance() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = group(ada, bo);
		send(ada, id, "the narwhal narwhal of the north");
		// Thousands of messages holding one word, straight into the table (sending them
		// one
		// by one would take minutes), and PostgreSQL's statistics brought up to date.
		this.jdbc.sql("""
				insert into message (conversation_id, seq, id, sender_id, client_message_id, text, created_at)
				select c.id, c.last_seq + s, gen_random_uuid(), :ada, 'bulk-' || s, 'narwhal ' || s,
				       now() - make_interval(secs => 6000 - s)
				from conversation c, generate_series(1, 5000) s where c.id = :c""")
			.param("c", java.util.UUID.fromString(id))
			.param("ada", java.util.UUID.fromString(ada.id()))
			.update();
		this.jdbc.sql("update conversation set last_seq = last_seq + 5000 where id = :c")
			.param("c", java.util.UUID.fromString(id))
			.update();
		this.jdbc.sql("analyze message").update();
		this.shares.reload();

		JsonNode common = search(bo, "narwhal").json();
		assertThat(common.get("order").asString()).isEqualTo("newest");
		assertThat(texts(common)).startsWith("narwhal 5000", "narwhal 4999");
		JsonNode ranked = search(bo, "narwhal", "&order=relevance").json();
		assertThat(ranked.get("order").asString()).isEqualTo("relevance");
		assertThat(texts(ranked)).first().isEqualTo("the narwhal narwhal of the north");
		JsonNode rare = search(bo, "north").json();
		assertThat(rare.get("order").asString()).isEqualTo("relevance");
		assertThat(texts(rare)).containsExactly("the narwhal narwhal of the north");

		// Both words: the index is asked for the rarer one only; either: for each.
		assertThat(this.shares.lookedUp(words(false, "narwhal", "north"))).containsExactly("north");
		assertThat(this.shares.lookedUp(words(true, "narwhal", "north"))).containsExactly("narwhal", "north");
		assertThat(texts(search(bo, "narwhal north", "&order=relevance")))
			.containsExactly("the narwhal narwhal of the north");
		assertThat(texts(search(bo, "4999 narwhal", "&order=relevance"))).containsExactly("narwhal 4999");
		assertThat(texts(search(bo, "north or 4999", "&order=relevance")))
			.containsExactlyInAnyOrder("the narwhal narwhal of the north", "narwhal 4999");
	}

	private static MessageRepository.SearchQuery words(boolean any, String... words) {
		return new MessageRepository.SearchQuery(MessageRepository.QueryKind.WORDS, "", List.of(words), any, 0, 0,
				java.util.Set.of());
	}

	@Test
	void aSearchWithoutWordsOrWithTooManyIsRefusedNamingTheField() {
		Person ada = person("Ada");
		assertThat(invalidField(search(ada, ""))).isEqualTo("q");
		assertThat(invalidField(search(ada, "x".repeat(201)))).isEqualTo("q");
		assertThat(invalidField(search(ada, "zebra", "&limit=51"))).isEqualTo("limit");
		assertThat(invalidField(search(ada, "zebra", "&order=oldest"))).isEqualTo("order");
		assertThat(search(ada, "!!! ???").json().get("items")).isEmpty();
		assertThat(invalidField(search(ada, "-zebra"))).isEqualTo("q");
	}

	private Reply search(Person as, String q) {
		return search(as, q, "");
	}

	private Reply search(Person as, String q, String more) {
		return get(as, "/api/search/messages?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
	}

	/**
	 * Every page of a search, each after the last item of the one before
	 * ({@code before}).
	 */
	private List<JsonNode> pages(Person as, String q, String more) {
		List<JsonNode> pages = new ArrayList<>();
		JsonNode page = search(as, q, more).json();
		pages.add(page);
		while (page.get("hasMore").asBoolean()) {
			String last = page.get("items").get(page.get("items").size() - 1).get("message").get("id").asString();
			page = search(as, q, more + "&before=" + last).json();
			pages.add(page);
		}
		return pages;
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
