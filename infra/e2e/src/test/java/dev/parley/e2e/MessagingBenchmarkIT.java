package dev.parley.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.embedded.test.Latencies;
import dev.parley.embedded.test.SocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints send-to-deliver latency and messages per second over the real stack: a sender on
 * one signaling replica, its recipient on the other, each message through Kafka,
 * message-service, PostgreSQL, the outbox, Kafka again and Redis. A benchmark, not a
 * gate: it asserts only that every message arrived exactly once.
 */
@ExtendWith(E2eSuite.class)
class MessagingBenchmarkIT {

	static final int SEQUENTIAL = 300;

	static final int PAIRS = 4;

	static final int BURST_PER_PAIR = 250;

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void measureSendToDeliverLatencyAndThroughput() throws Exception {
		List<Pair> pairs = new ArrayList<>();
		for (int i = 0; i < PAIRS; i++) {
			pairs.add(pair());
		}
		Pair first = pairs.getFirst();
		for (int i = 0; i < 20; i++) {
			roundTrip(first, "warm-up " + i);
		}
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < SEQUENTIAL; i++) {
			latencies.add(roundTrip(first, "m" + i));
		}
		System.out.println(
				"BENCHMARK message.send on replica 1 -> message.new on replica 2: " + Latencies.summary(latencies));

		long started = System.nanoTime();
		for (Pair pair : pairs) {
			for (int i = 0; i < BURST_PER_PAIR; i++) {
				pair.sender().send(sendFrame(pair, "b" + i, "burst " + i));
			}
		}
		for (Pair pair : pairs) {
			for (int i = 0; i < BURST_PER_PAIR; i++) {
				pair.recipient().expect("message.new");
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		int total = PAIRS * BURST_PER_PAIR;
		System.out.printf(
				"BENCHMARK messaging throughput: %d messages from %d senders delivered in %.2f s = %.0f msg/s%n", total,
				PAIRS, seconds, total / seconds);
		for (Pair pair : pairs) {
			pair.recipient().expectNone("message.new", Duration.ofMillis(300));
		}
	}

	private long roundTrip(Pair pair, String text) throws InterruptedException {
		String frameId = "f-" + UUID.randomUUID();
		long started = System.nanoTime();
		pair.sender().send(sendFrame(pair, frameId, text));
		pair.recipient().expect("message.new", (f) -> f.at("/data/message/text").asString().equals(text));
		long elapsed = System.nanoTime() - started;
		pair.sender().expect("ack", (f) -> f.path("id").asString().equals(frameId));
		pair.sender().expect("message.new", (f) -> f.at("/data/message/text").asString().equals(text));
		return elapsed;
	}

	private String sendFrame(Pair pair, String frameId, String text) {
		return this.json
			.writeValueAsString(Map.of("type", "message.send", "id", frameId, "data", Map.of("conversationId",
					pair.conversationId(), "clientMessageId", UUID.randomUUID().toString(), "text", text)));
	}

	private Pair pair() throws Exception {
		Accounts.Session a = this.accounts.signIn(this.accounts.register("bench"));
		Accounts.Session b = this.accounts.signIn(this.accounts.register("bench"));
		this.accounts.befriend(a, b);
		var created = this.accounts.call(a, "POST", "/api/conversations/direct", "{\"userId\":\"" + b.id() + "\"}");
		assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
		String conversationId = this.accounts.json(created).get("id").asString();
		return new Pair(LiveMessagingE2EIT.connect(LiveMessagingE2EIT.REPLICA_1, a),
				LiveMessagingE2EIT.connect(LiveMessagingE2EIT.REPLICA_2, b), conversationId);
	}

	record Pair(SocketClient sender, SocketClient recipient, String conversationId) {
	}

}
