package dev.parley.user.profile;

import dev.parley.testsupport.TestHttp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.parley.testsupport.Latencies;
import dev.parley.user.UserServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints search latency over 100,000 generated people (HTTP to user-service, real
 * PostgreSQL with the prefix indexes). A benchmark, not a gate: it asserts only that
 * every search answered.
 */
class SearchBenchmarkIT extends UserServiceIntegrationTest {

	static final int PEOPLE = 100_000;

	static final int SEARCHES = 400;

	static final String[] NAMES = { "Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis",
			"Linus", "Zoë", "Émile", "Søren", "Frances", "John", "Radia", "Katherine", "Tim", "Niklaus", "Leslie" };

	@Test
	void measureSearchLatencyOver100kPeople() {
		Person viewer = person("Viewer");
		long started = System.nanoTime();
		this.jdbc.sql("""
				insert into profile (id, username, username_key, display_name, display_name_key, email, email_key)
				select gen_random_uuid(), 'bench' || i, 'bench' || i,
				       n.name || ' ' || i, lower(n.plain) || ' ' || i, 'bench' || i || '@example.org',
				       'bench' || i || '@example.org'
				from generate_series(1, :people) as i
				join (select * from unnest(:names::text[], :plain::text[]) with ordinality as t(name, plain, k)) n
				  on n.k = 1 + i % :count
				on conflict do nothing
				""")
			.param("people", PEOPLE)
			.param("names", NAMES)
			.param("plain", java.util.Arrays.stream(NAMES).map(SearchKeys::of).toArray(String[]::new))
			.param("count", NAMES.length)
			.update();
		this.jdbc.sql("analyze profile").update();
		System.out.printf("BENCHMARK search: generated %d people in %.1f s%n", PEOPLE,
				(System.nanoTime() - started) / 1e9);

		Random random = new Random(42);
		List<Long> nanos = new ArrayList<>();
		for (int i = 0; i < SEARCHES; i++) {
			String q = switch (i % 4) {
				case 0 -> NAMES[random.nextInt(NAMES.length)].substring(0, 2);
				case 1 -> "bench" + random.nextInt(1000);
				case 2 -> SearchKeys.of(NAMES[random.nextInt(NAMES.length)]);
				default -> "bench" + random.nextInt(PEOPLE) + "@example.org";
			};
			long t = System.nanoTime();
			Reply reply = get(viewer,
					"/api/users?limit=20&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
			nanos.add(System.nanoTime() - t);
			assertThat(reply.status()).isEqualTo(200);
		}
		System.out.printf("BENCHMARK search over %d people, %d searches via HTTP: %s%n", PEOPLE, SEARCHES,
				Latencies.summary(nanos));
		this.jdbc.sql("delete from profile where username like 'bench%'").update();
	}

}
