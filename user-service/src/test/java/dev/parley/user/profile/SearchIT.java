package dev.parley.user.profile;

import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.parley.user.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class SearchIT extends UserServiceIntegrationTest {

	@Test
	void findsByUsernameOrDisplayNamePrefixWhateverCaseAndAccents() {
		String tag = "zq" + UUID.randomUUID().toString().substring(0, 6);
		Person me = person("Searcher");
		Person zoe = person("Zoë " + tag);
		List<String> byName = usernames(search(me, "ZOE " + tag.toUpperCase()));
		assertThat(byName).containsExactly(zoe.username());
		assertThat(usernames(search(me, zoe.username().substring(0, 6).toUpperCase()))).contains(zoe.username());
		assertThat(usernames(search(me, zoe.email().toUpperCase()))).containsExactly(zoe.username());
		assertThat(usernames(search(me, zoe.email().substring(0, 5) + "@"))).doesNotContain(zoe.username());
	}

	@Test
	void neverFindsMyselfNorPeopleOnEitherSideOfABlock() {
		String tag = "bk" + UUID.randomUUID().toString().substring(0, 6);
		Person me = person(tag + " me");
		Person blocker = person(tag + " blocker");
		Person blocked = person(tag + " blocked");
		Person other = person(tag + " other");
		call(blocker, HttpMethod.PUT, "/api/blocks/" + me.id(), null);
		call(me, HttpMethod.PUT, "/api/blocks/" + blocked.id(), null);
		assertThat(usernames(search(me, tag))).containsExactly(other.username());
		assertThat(usernames(search(blocked, tag))).doesNotContain(me.username());
		assertThat(get(me, "/api/users/" + blocker.id()).code()).as("hidden by their block")
			.isEqualTo("USER_NOT_FOUND");
	}

	@Test
	void pagesFollowOneAnotherWithoutGapsOrRepeats() {
		String tag = "pg" + UUID.randomUUID().toString().substring(0, 6);
		Person me = person("Pager");
		List<String> expected = new java.util.ArrayList<>();
		for (int i = 0; i < 7; i++) {
			expected.add(person(tag + " " + i).username());
		}
		List<String> seen = new java.util.ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = get(me, "/api/users?limit=3&q=" + tag + ((cursor != null) ? "&cursor=" + cursor : ""))
				.json();
			seen.addAll(usernames(page));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(expected.stream().sorted().toList());
	}

	@Test
	void aBlankQueryOrBadLimitIsRefused() {
		Person me = person("Me");
		assertThat(get(me, "/api/users?q=%20").code()).isEqualTo("VALIDATION_FAILED");
		assertThat(get(me, "/api/users?q=a&limit=500").code()).isEqualTo("VALIDATION_FAILED");
		assertThat(get(me, "/api/users?q=a&cursor=%21%21").code()).isEqualTo("BAD_CURSOR");
	}

	private JsonNode search(Person as, String q) {
		return get(as, "/api/users?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).json();
	}

	private static List<String> usernames(JsonNode page) {
		List<String> names = new java.util.ArrayList<>();
		page.get("items").forEach((item) -> names.add(item.get("username").asString()));
		return names;
	}

}
