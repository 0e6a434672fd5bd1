package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Steady load through the gateway from pairs of friends, each user one {@link Chatter} in
 * the pair's direct conversation sending at a fixed rate whatever happens to the suite
 * (open loop), and what is checked afterwards: every send acknowledged (after retries),
 * every acknowledged message in history exactly once, no socket given a message twice,
 * and every socket that stayed connected given every message.
 */
final class Traffic implements AutoCloseable {

	/** Users in a pair: each is the other's only recipient. */
	record Pair(Accounts.Session a, Accounts.Session b, String conversationId) {
	}

	/** A send held up longer than this counts as held up by the fault. */
	static final Duration HELD_UP = Duration.ofSeconds(1);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final List<Pair> pairs;

	private final List<Chatter> chatters = new ArrayList<>();

	private final Map<Chatter, Chatter> partners = new HashMap<>();

	private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicLong sent = new AtomicLong();

	/**
	 * Connects every user, then sends {@code perUserPerSecond} messages a second from
	 * each until {@link #stopSending()}.
	 */
	Traffic(List<Pair> pairs, URI socketUri, int perUserPerSecond) {
		this.pairs = pairs;
		for (Pair pair : pairs) {
			Chatter a = new Chatter(pair.a(), pair.conversationId(), socketUri, this.http, this.timers);
			Chatter b = new Chatter(pair.b(), pair.conversationId(), socketUri, this.http, this.timers);
			this.chatters.add(a);
			this.chatters.add(b);
			this.partners.put(a, b);
			this.partners.put(b, a);
		}
		this.chatters.forEach(Chatter::start);
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> this.chatters.stream()
					.allMatch((c) -> !c.connections().isEmpty() && c.connections().getLast().authedNanos != 0));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		long every = TimeUnit.SECONDS.toMicros(1) / ((long) perUserPerSecond * this.chatters.size());
		this.ticker.scheduleAtFixedRate(this::next, 0, every, TimeUnit.MICROSECONDS);
	}

	private void next() {
		long n = this.sent.getAndIncrement();
		Chatter chatter = this.chatters.get((int) (n % this.chatters.size()));
		chatter.send(this.run + "-" + n, "steady " + n);
	}

	/** Messages sent so far. */
	long sent() {
		return this.sent.get();
	}

	/** Waits until this many more messages have been sent (so many seconds of load). */
	void keepGoing(long messages) {
		long until = this.sent.get() + messages;
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> this.sent.get() >= until);
	}

	void stopSending() {
		this.ticker.shutdown();
	}

	/**
	 * Waits until the suite answers sends again after a fault that ended at
	 * {@code faultEndedNanos}: nothing sent over {@link #HELD_UP} ago is still
	 * unanswered, looked at no sooner than twice that after the fault (right after a
	 * kill, the sends it holds up are all younger than that).
	 */
	void awaitFlowing(long faultEndedNanos, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (System.nanoTime() - faultEndedNanos < 2 * HELD_UP.toNanos()) {
				return false;
			}
			long before = System.nanoTime() - HELD_UP.toNanos();
			return this.chatters.stream()
				.flatMap((c) -> c.sends().stream())
				.noneMatch((s) -> s.ackedNanos == 0 && s.refusal == null && s.queuedNanos < before);
		});
	}

	/** Stops sending and waits until every send has its answer. */
	void finish(Duration timeout) {
		stopSending();
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.chatters.stream().mapToLong(Chatter::unanswered).sum() == 0);
	}

	/**
	 * What users met: sends, how many were held up and for how long, retryable errors,
	 * reconnects, and when the last held-up send was answered, counted from
	 * {@code faultEndedNanos}.
	 */
	Report report(long faultEndedNanos) {
		List<Chatter.Send> all = this.chatters.stream().flatMap((c) -> c.sends().stream()).toList();
		List<Chatter.Send> heldUp = all.stream()
			.filter((s) -> s.ackedNanos - s.queuedNanos > HELD_UP.toNanos())
			.toList();
		long longest = heldUp.stream().mapToLong((s) -> s.ackedNanos - s.queuedNanos).max().orElse(0);
		long lastAnswered = heldUp.stream().mapToLong((s) -> s.ackedNanos).max().orElse(faultEndedNanos);
		Map<Integer, Long> closes = this.chatters.stream()
			.flatMap((c) -> c.connections().stream())
			.filter((c) -> c.closedNanos != 0)
			.collect(Collectors.groupingBy((c) -> c.closeCode, TreeMap::new, Collectors.counting()));
		return new Report(all.size(), heldUp.size(), millis(longest),
				all.stream().mapToInt((s) -> s.retryableErrors).sum(), closes,
				millis(Math.max(0, lastAnswered - faultEndedNanos)));
	}

	/** Checks what the users got and what history holds, after {@link #finish}. */
	void verify(Accounts accounts) throws Exception {
		for (Chatter chatter : this.chatters) {
			for (Chatter.Send send : chatter.sends()) {
				assertThat(send.refusal).as("refusal of %s", send.clientMessageId).isNull();
				assertThat(send.messageId).as("ack of %s", send.clientMessageId).isNotNull();
			}
		}
		// A message's frames may reach the sockets a moment after its ack: wait for them
		// (and for a connection that closes meanwhile to stop counting as open).
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(this::delivered);
		for (Chatter chatter : this.chatters) {
			for (Chatter.Connection connection : chatter.connections()) {
				assertThat(chatter.received(connection)
					.entrySet()
					.stream()
					.filter((e) -> e.getValue() > 1)
					.map(Map.Entry::getKey))
					.as("messages connection %d of %s received more than once", connection.number, chatter.user.id())
					.isEmpty();
			}
		}
		for (Pair pair : this.pairs) {
			Map<String, String> expected = new HashMap<>();
			this.chatters.stream()
				.filter((c) -> c.conversationId.equals(pair.conversationId()))
				.flatMap((c) -> c.sends().stream())
				.forEach((s) -> expected.put(s.clientMessageId, s.messageId));
			Map<String, List<String>> stored = history(accounts, pair);
			assertThat(stored.keySet()).as("stored messages of this run").isEqualTo(expected.keySet());
			stored.forEach((clientMessageId, ids) -> assertThat(ids).as("stored as %s", clientMessageId)
				.containsExactly(expected.get(clientMessageId)));
		}
	}

	/**
	 * Every message reached every connection of its two members that was open from a
	 * second before it was sent until 5 s after its ack.
	 */
	private void delivered() {
		long grace = Duration.ofSeconds(5).toNanos();
		long settled = Duration.ofSeconds(1).toNanos();
		for (Chatter sender : this.chatters) {
			for (Chatter.Send send : sender.sends()) {
				for (Chatter member : List.of(sender, this.partners.get(sender))) {
					for (Chatter.Connection connection : member.connections()) {
						if (connection.openThroughout(send.queuedNanos - settled, send.ackedNanos + grace)) {
							assertThat(member.received(connection))
								.as("message %s on connection %d of %s, open all along", send.messageId,
										connection.number, member.user.id())
								.containsKey(send.messageId);
						}
					}
				}
			}
		}
	}

	/** This run's messages in the pair's history, by clientMessageId. */
	private Map<String, List<String>> history(Accounts accounts, Pair pair) throws Exception {
		Map<String, List<String>> stored = new HashMap<>();
		long afterSeq = 0;
		boolean more = true;
		while (more) {
			var response = accounts.call(pair.a(), "GET",
					"/api/conversations/" + pair.conversationId() + "/messages?limit=100&afterSeq=" + afterSeq, null);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = accounts.json(response);
			for (JsonNode item : page.get("items")) {
				afterSeq = Math.max(afterSeq, item.get("seq").asLong());
				String clientMessageId = item.path("clientMessageId").asString("");
				if (clientMessageId.startsWith(this.run + "-")) {
					stored.computeIfAbsent(clientMessageId, (k) -> new ArrayList<>()).add(item.get("id").asString());
				}
			}
			more = page.get("hasMore").asBoolean();
		}
		return stored;
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.timers.shutdownNow();
		this.chatters.forEach(Chatter::close);
		this.http.close();
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/**
	 * What users met during one fault.
	 *
	 * @param sends messages sent
	 * @param heldUp sends answered later than {@link #HELD_UP}
	 * @param longestWaitMillis the longest a send waited for its ack
	 * @param retryableErrors {@code UNAVAILABLE} answers (each followed by a send again)
	 * @param closes sockets that closed (and were opened again), by close code
	 * @param answeredAgainMillis from the end of the fault until the last held-up send
	 * was answered
	 */
	record Report(int sends, int heldUp, long longestWaitMillis, int retryableErrors, Map<Integer, Long> closes,
			long answeredAgainMillis) {

		@Override
		public String toString() {
			return "%d sends, %d held up (longest wait %.1f s), %d retryable errors, %d reconnects %s; the last held-up send answered %.1f s after the fault ended"
				.formatted(this.sends, this.heldUp, this.longestWaitMillis / 1000.0, this.retryableErrors,
						this.closes.values().stream().mapToLong(Long::longValue).sum(), this.closes,
						this.answeredAgainMillis / 1000.0);
		}

	}

}
