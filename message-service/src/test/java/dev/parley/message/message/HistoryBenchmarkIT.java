package dev.parley.message.message;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.testsupport.Latencies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints how long history pages take over HTTP when the table holds a million messages
 * (most of them in the conversation being read). A benchmark, not a gate: it asserts only
 * that the pages are right.
 */
class HistoryBenchmarkIT extends MessageServiceIntegrationTest {

	static final int ROWS = 1_000_000;

	static final int PAGES = 200;

	@Test
	void measureHistoryPagesAtAMillionMessages() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		long started = System.nanoTime();
		this.jdbc.sql("""
				insert into message (conversation_id, seq, id, sender_id, client_message_id, text)
				select :c::uuid, n, gen_random_uuid(), :sender::uuid, 'bench-' || n, 'message ' || n
				from generate_series(1, :rows) n""")
			.param("c", id)
			.param("sender", ada.id())
			.param("rows", ROWS)
			.update();
		this.jdbc.sql("update conversation set last_seq = :rows where id = :c::uuid")
			.param("rows", ROWS)
			.param("c", id)
			.update();
		this.jdbc.sql("analyze message").update();
		System.out.printf("BENCHMARK history: inserted %,d messages in %.1f s%n", ROWS,
				(System.nanoTime() - started) / 1e9);

		List<Long> newest = new ArrayList<>();
		List<Long> deep = new ArrayList<>();
		List<Long> catchUp = new ArrayList<>();
		for (int i = 0; i < PAGES; i++) {
			long t = System.nanoTime();
			JsonNode page = get(bo, "/api/conversations/" + id + "/messages?limit=50").json();
			newest.add(System.nanoTime() - t);
			assertThat(page.get("items").get(0).get("seq").asLong()).isEqualTo(ROWS);
			long middle = 500_000 + i * 997L;
			String cursor = idAt(id, middle);
			t = System.nanoTime();
			JsonNode older = get(bo, "/api/conversations/" + id + "/messages?limit=50&before=" + cursor).json();
			deep.add(System.nanoTime() - t);
			assertThat(older.get("items").get(0).get("seq").asLong()).isEqualTo(middle - 1);
			assertThat(older.get("items")).hasSize(50);
			long missedFrom = ROWS - 20 - i;
			t = System.nanoTime();
			JsonNode missed = get(bo, "/api/conversations/" + id + "/messages?limit=100&afterSeq=" + missedFrom).json();
			catchUp.add(System.nanoTime() - t);
			assertThat(missed.get("items").get(0).get("seq").asLong()).isEqualTo(missedFrom + 1);
		}
		System.out
			.println("BENCHMARK history newest page (50) over HTTP at 1,000,000 rows: " + Latencies.summary(newest));
		System.out.println("BENCHMARK history page from the middle (before=, 50) over HTTP at 1,000,000 rows: "
				+ Latencies.summary(deep));
		System.out.println("BENCHMARK history catch-up (afterSeq=, about 20 changes) over HTTP at 1,000,000 rows: "
				+ Latencies.summary(catchUp));
		long t = System.nanoTime();
		JsonNode list = get(bo, "/api/conversations").json();
		System.out.printf("BENCHMARK history: conversation list with a 1,000,000-message conversation: %.1f ms%n",
				(System.nanoTime() - t) / 1e6);
		assertThat(list.get("items").get(0).get("unreadCount").asInt()).isEqualTo(999);
	}

	private String idAt(String conversationId, long seq) {
		return this.jdbc.sql("select id::text from message where conversation_id = :c::uuid and seq = :seq")
			.param("c", conversationId)
			.param("seq", seq)
			.query(String.class)
			.single();
	}

}
