package dev.parley.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerTest {

	final Account alice = new Account("a@x", "alice", "pw", "a");

	final Account bob = new Account("b@x", "bob", "pw", "b");

	final Sock aliceSocket = new Sock(this.alice, Executors.newSingleThreadExecutor());

	final Sock bobSocket = new Sock(this.bob, Executors.newSingleThreadExecutor());

	@Test
	void latencyRunsFromTheScheduledTimeAndOnlyTheRecipientsCopyCounts() {
		Tracker tracker = new Tracker();
		long due = System.nanoTime();
		tracker.expect("m1", due, true, new Sock[] { this.bobSocket });
		tracker.onFrame(this.aliceSocket, "message.new", messageNew("m1"), due + ms(3));
		tracker.onFrame(this.aliceSocket, "ack", frame("{\"type\":\"ack\",\"id\":\"m1\",\"data\":{}}"), due + ms(20));
		assertThat(tracker.counts().silentSockets()).isEqualTo(1);
		tracker.onFrame(this.bobSocket, "message.new", messageNew("m1"), due + ms(30));
		tracker.onFrame(this.bobSocket, "message.new", messageNew("m1"), due + ms(40));
		Tracker.Counts counts = tracker.counts();
		assertThat(counts.sent()).isEqualTo(1);
		assertThat(counts.delivered()).isEqualTo(1);
		assertThat(counts.duplicates()).isEqualTo(1);
		assertThat(counts.lost()).isZero();
		assertThat(counts.silentSockets()).isZero();
		assertThat(tracker.deliver.getTotalCount()).isEqualTo(1);
		assertThat(tracker.deliver.getMaxValue() / 1000).isEqualTo(30);
		assertThat(tracker.ack.getMaxValue() / 1000).isEqualTo(20);
		assertThat(tracker.complete()).isTrue();
	}

	@Test
	void anAckedMessageNobodyReceivedIsLostAndWarmUpSendsAreNotCounted() {
		Tracker tracker = new Tracker();
		long due = System.nanoTime();
		tracker.expect("warm", due, false, new Sock[] { this.bobSocket });
		tracker.expect("m2", due, true, new Sock[] { this.bobSocket });
		tracker.expect("m3", due, true, new Sock[] { this.bobSocket });
		tracker.onFrame(this.aliceSocket, "ack", frame("{\"type\":\"ack\",\"id\":\"m2\",\"data\":{}}"), due + ms(5));
		tracker.onFrame(this.aliceSocket, "error",
				frame("{\"type\":\"error\",\"id\":\"m3\",\"data\":{\"code\":\"NOT_FRIENDS\"}}"), due + ms(5));
		tracker.onFrame(this.bobSocket, "message.new", messageNew("warm"), due + ms(5));
		Tracker.Counts counts = tracker.counts();
		assertThat(counts.sent()).isEqualTo(2);
		assertThat(counts.delivered()).isZero();
		assertThat(counts.lost()).isEqualTo(1);
		assertThat(counts.errors()).containsEntry("NOT_FRIENDS", 1L);
		assertThat(counts.silentSockets()).as("bob heard the warm-up message").isZero();
		assertThat(tracker.deliver.getTotalCount()).isZero();
		assertThat(tracker.complete()).isFalse();
	}

	@Test
	void theStoredToDeliverSplitRunsFromTheMessagesCreatedAt() {
		Tracker tracker = new Tracker();
		long due = System.nanoTime();
		java.time.Instant stored = java.time.Instant.now().plusMillis(10);
		tracker.expect("m4", due, true, new Sock[] { this.bobSocket });
		tracker.onFrame(this.bobSocket, "message.new",
				frame("{\"type\":\"message.new\",\"data\":{\"message\":{\"clientMessageId\":\"m4\",\"createdAt\":\""
						+ stored + "\"}}}"),
				Tracker.nanosAt(stored.toString()) + ms(25));
		assertThat(tracker.storedToDeliver.getTotalCount()).isEqualTo(1);
		assertThat(tracker.storedToDeliver.getMaxValue() / 1000).isEqualTo(25);
		assertThat(Tracker.nanosAt("not a time")).isEqualTo(Long.MIN_VALUE);
	}

	private static JsonNode messageNew(String clientMessageId) {
		return frame("{\"type\":\"message.new\",\"data\":{\"message\":{\"clientMessageId\":\"" + clientMessageId
				+ "\",\"text\":\"hi\"}}}");
	}

	private static JsonNode frame(String json) {
		return Json.read(json);
	}

	private static long ms(long millis) {
		return TimeUnit.MILLISECONDS.toNanos(millis);
	}

}
