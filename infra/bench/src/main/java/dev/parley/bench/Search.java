package dev.parley.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code search}: message search through the gateway over a million messages. The
 * messages are written straight into message-service's tables once (PostgreSQL at
 * {@code PARLEY_POSTGRES_URL}, by default the launcher's embedded one) and kept for later
 * runs: {@value #CONVERSATIONS} groups of bench users, each searcher a member of
 * {@value #PER_SEARCHER} of them (about 5% of the messages), texts of 4 to 20 words from
 * a vocabulary of {@value #VOCABULARY} made-up words drawn with a skew (a few words are
 * in most messages, most words in few). Then searches at a fixed rate (open loop, latency
 * counted from each one's due time), rotating over words that are very common, common,
 * rare, and two-word queries, each by another searcher (the gateway's search limit is 60
 * a minute per person).
 */
final class Search {

	static final int CONVERSATIONS = 2_000;

	static final int PER_SEARCHER = 100;

	static final int VOCABULARY = 5_000;

	static final int SEARCHERS = 40;

	private static final String TITLE = "bench-search";

	private Search() {
	}

	static Result run(Bench.Context context) {
		int messages = context.options().searchMessages();
		List<Account> searchers = context.world()
			.users()
			.subList(0, Math.min(SEARCHERS, context.world().users().size()));
		List<String> words = vocabulary();
		try (Connection db = connect()) {
			seed(db, searchers, words, messages);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not seed the search benchmark's messages: " + ex.getMessage(), ex);
		}
		context.provisioner().refreshOlderThan(searchers, Bench.TOKEN_AGE);
		int rate = context.options().searchRate();
		int count = context.options().searches();
		int seconds = Math.max(1, count / rate);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
		List<Histogram> byKind = new ArrayList<>();
		for (int i = 0; i < KINDS.size(); i++) {
			byKind.add(new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3));
		}
		AtomicLong failed = new AtomicLong();
		AtomicLong found = new AtomicLong();
		List<CompletableFuture<Void>> pending = new ArrayList<>();
		Bench.log("search: %d searches at %d/s by %d people over %,d messages", rate * seconds, rate, searchers.size(),
				messages);
		OpenLoop.Timing timing = OpenLoop.run(rate, context.options().warmup(), seconds, (k, due, measured) -> {
			Account searcher = searchers.get((int) (k % searchers.size()));
			String q = query(words, k);
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(context.gateway().base() + "/api/search/messages?q="
						+ URLEncoder.encode(q, StandardCharsets.UTF_8)))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + searcher.accessToken)
				.GET()
				.build();
			CompletableFuture<Void> done = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.handle((response, failure) -> {
					long took = System.nanoTime() - due;
					if (!measured) {
						return null;
					}
					if (failure != null || response.statusCode() != 200) {
						failed.incrementAndGet();
						Bench.log("search: %s",
								(failure != null) ? failure : response.statusCode() + " " + response.body());
						return null;
					}
					Tracker.record(latency, took);
					Tracker.record(byKind.get((int) (k % KINDS.size())), took);
					found.addAndGet(Json.MAPPER.readTree(response.body()).get("items").size());
					return null;
				});
			synchronized (pending) {
				pending.add(done);
			}
		});
		CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
		long answered = latency.getTotalCount();
		Result result = new Result("search",
				"search over %,d messages, %d/s through the gateway".formatted(messages, rate))
			.figure("searches", "searches", timing.measuredSends())
			.figure("failed", "failed", failed.get())
			.figure("results per page", "meanResults", (answered > 0) ? (double) found.get() / answered : 0,
					String.format(Locale.ROOT, "%.1f (at most 20)",
							(answered > 0) ? (double) found.get() / answered : 0))
			.latency("search", latency);
		for (int i = 0; i < KINDS.size(); i++) {
			result.latency(KINDS.get(i), byKind.get(i));
		}
		System.out.println(result.block());
		return result;
	}

	/** What search {@code k} looks for, in turn ({@link #query}). */
	static final List<String> KINDS = List.of("  very common word", "  common word", "  rare word", "  two words");

	/**
	 * The query for search {@code k}: in turn one of the ten most used words, a common
	 * one, a rare one, and two common words together.
	 */
	static String query(List<String> words, long k) {
		int turn = (int) (k % 4);
		int pick = (int) ((k / 4) % 50);
		return switch (turn) {
			case 0 -> words.get(pick % 10);
			case 1 -> words.get(100 + pick * 7);
			case 2 -> words.get(2_000 + pick * 53);
			default -> words.get(20 + pick) + " " + words.get(60 + pick);
		};
	}

	/**
	 * {@value #VOCABULARY} made-up words of two or three syllables, the same on every
	 * run; one in ten carries an accent, as names and loan words do.
	 */
	static List<String> vocabulary() {
		String[] syllables = { "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "zu", "ba", "do", "fi", "gu", "ha",
				"je", "ko", "li", "mu", "no", "pa", "re", "si", "to" };
		String[] accented = { "é", "à", "ü", "ñ", "ø" };
		List<String> words = new ArrayList<>();
		for (int i = 0; words.size() < VOCABULARY; i++) {
			String word = syllables[i % 24] + syllables[(i / 24) % 24] + ((i >= 576) ? syllables[(i / 576) % 24] : "");
			words.add((i % 10 == 9) ? word + accented[i % 5] : word);
		}
		return words;
	}

	private static Connection connect() throws SQLException {
		String url = env("PARLEY_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:15432/parley");
		String user = env("PARLEY_POSTGRES_USER", "postgres");
		String password = env("PARLEY_POSTGRES_PASSWORD", "");
		return DriverManager.getConnection(url, user, password);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/**
	 * Writes the groups and their messages unless an earlier run did (for the same
	 * searchers and number of messages).
	 */
	private static void seed(Connection db, List<Account> searchers, List<String> words, int messages)
			throws SQLException {
		String marker = TITLE + ":" + messages + ":" + searchers.getFirst().id;
		try (PreparedStatement seeded = db
			.prepareStatement("select count(*) from messaging.conversation where title = ? and last_seq > 0")) {
			seeded.setString(1, marker);
			try (ResultSet rs = seeded.executeQuery()) {
				rs.next();
				if (rs.getInt(1) == CONVERSATIONS) {
					Bench.log("search: the %,d messages of an earlier run are there", messages);
					return;
				}
			}
		}
		long started = System.nanoTime();
		db.setAutoCommit(false);
		try (PreparedStatement drop = db.prepareStatement("delete from messaging.conversation where title like ?")) {
			drop.setString(1, TITLE + ":%");
			drop.executeUpdate();
		}
		int perConversation = messages / CONVERSATIONS;
		try (PreparedStatement groups = db.prepareStatement("""
				insert into messaging.conversation (id, kind, title)
				select gen_random_uuid(), 'GROUP', ? from generate_series(1, ?)""")) {
			groups.setString(1, marker);
			groups.setInt(2, CONVERSATIONS);
			groups.executeUpdate();
		}
		// Conversation i has searchers i and i+1 (of the ring): each is in about
		// 2 * CONVERSATIONS / searchers of them.
		try (PreparedStatement members = db.prepareStatement("""
				insert into messaging.member (conversation_id, user_id, role)
				select c.id, (?::uuid[])[1 + ((c.n + k) % ?)], case k when 0 then 'ADMIN' else 'MEMBER' end
				from (select id, row_number() over (order by id) as n from messaging.conversation where title = ?) c,
				     generate_series(0, 1) k
				on conflict do nothing""")) {
			members.setArray(1, db.createArrayOf("uuid", searchers.stream().map((a) -> a.id).toArray()));
			members.setInt(2, searchers.size());
			members.setString(3, marker);
			members.executeUpdate();
		}
		db.commit();
		// In slices, so that progress shows and no transaction holds a million rows.
		try (PreparedStatement slice = db.prepareStatement("""
				insert into messaging.message (conversation_id, seq, id, sender_id, client_message_id, text, created_at)
				select c.id, s.n, gen_random_uuid(),
				       (select user_id from messaging.member m where m.conversation_id = c.id order by role limit 1),
				       'bench-search-' || c.id || '-' || s.n, t.text, now() - make_interval(secs => (? - s.n) * 60)
				from (select id, row_number() over (order by id) as i from messaging.conversation where title = ?) c,
				     generate_series(1, ?) s(n),
				     lateral (select string_agg(w[1 + floor(? * power(random(), 3))::int], ' ') as text
				              from generate_series(1, 4 + ((s.n * 7919 + c.i) % 17)::int) g,
				                   (select ?::text[] as w) v) t
				where c.i > ? and c.i <= ?""")) {
			int step = 100;
			for (int from = 0; from < CONVERSATIONS; from += step) {
				slice.setInt(1, perConversation);
				slice.setString(2, marker);
				slice.setInt(3, perConversation);
				slice.setInt(4, VOCABULARY);
				slice.setArray(5, db.createArrayOf("text", words.toArray()));
				slice.setInt(6, from);
				slice.setInt(7, from + step);
				slice.executeUpdate();
				db.commit();
				Bench.log("search: %,d of %,d messages written (%.0f s)", (long) (from + step) * perConversation,
						messages, (System.nanoTime() - started) / 1e9);
			}
		}
		// Last: a run stopped before here leaves groups that the next run replaces.
		try (PreparedStatement done = db
			.prepareStatement("update messaging.conversation set last_seq = ? where title = ?")) {
			done.setInt(1, perConversation);
			done.setString(2, marker);
			done.executeUpdate();
		}
		try (PreparedStatement analyze = db.prepareStatement("analyze messaging.message")) {
			analyze.execute();
		}
		db.commit();
		Bench.log("search: seeded in %.0f s", (System.nanoTime() - started) / 1e9);
	}

}
