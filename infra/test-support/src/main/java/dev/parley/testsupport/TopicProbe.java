package dev.parley.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.embedded.SharedInfrastructure;

/**
 * Reads a Kafka topic of the shared infrastructure the way a test wants to check it:
 * every partition, with no consumer group (so it takes nothing from the services' own
 * consumers), from now on or from the start. What it read stays available, so a test can
 * wait for one record and later look at all of them.
 */
public final class TopicProbe implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofMillis(200);

	private final KafkaConsumer<String, String> consumer;

	private final List<Received> read = new CopyOnWriteArrayList<>();

	private TopicProbe(String topic, boolean fromStart) {
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.get().kafkaBootstrap(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		List<TopicPartition> partitions = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		// Asking for the partitions creates the topic when it does not exist yet.
		while (partitions.isEmpty()) {
			this.consumer.partitionsFor(topic)
				.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition())));
			if (partitions.isEmpty() && System.nanoTime() > deadline) {
				this.consumer.close();
				throw new IllegalStateException("No partitions of " + topic + " after 30 s");
			}
		}
		this.consumer.assign(partitions);
		if (fromStart) {
			this.consumer.seekToBeginning(partitions);
		}
		else {
			this.consumer.seekToEnd(partitions);
		}
		// Resolve the positions now, so that "from now" means now, not the first poll.
		partitions.forEach(this.consumer::position);
	}

	/** What is published on the topic from now on. */
	public static TopicProbe fromNow(String topic) {
		return new TopicProbe(topic, false);
	}

	/** Everything on the topic, from its first record. */
	public static TopicProbe fromStart(String topic) {
		return new TopicProbe(topic, true);
	}

	/** Reads what has arrived; returns every record read so far. */
	public List<Received> records() {
		this.consumer.poll(POLL)
			.forEach((r) -> this.read.add(new Received(r.key(), r.partition(), r.offset(), r.value())));
		return List.copyOf(this.read);
	}

	/** The first record read that matches, waiting for it up to {@code timeout}. */
	public Received await(Predicate<Received> matching, Duration timeout) {
		List<Received> found = await(matching, 1, timeout);
		return found.getFirst();
	}

	/**
	 * The first {@code count} records read that match, waiting for them up to
	 * {@code timeout}.
	 */
	public List<Received> await(Predicate<Received> matching, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<Received> found = records().stream().filter(matching).limit(count).toList();
			if (found.size() == count) {
				return found;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Read " + found.size() + " of " + count + " matching records in " + timeout
						+ " (of " + this.read.size() + " read)");
			}
		}
	}

	/** Reads until nothing new came for three polls in a row (or {@code max} passed). */
	public List<Received> untilQuiet(Duration max) {
		long deadline = System.nanoTime() + max.toNanos();
		int quiet = 0;
		while (quiet < 3 && System.nanoTime() < deadline) {
			int before = this.read.size();
			records();
			quiet = (this.read.size() == before) ? quiet + 1 : 0;
		}
		return List.copyOf(this.read);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	/** One record as read: its key, where it was, and its value (JSON for Parley's). */
	public record Received(String key, int partition, long offset, String value) {

		public JsonNode json() {
			return JSON.readTree(this.value);
		}

		/** The event envelope's {@code type}. */
		public String type() {
			return json().path("type").asString();
		}

		public static Predicate<Received> withKey(String key) {
			return (record) -> key.equals(record.key());
		}

	}

}
