package dev.parley.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes across an event topic: waits until this service's consumer group has
 * handled every event that was already on the topic when asked (its committed offsets
 * reach the topic's end offsets, and offsets are committed only after the events were
 * handled). A service calls it when a request names something its read model does not
 * know yet, e.g. a person who signed up a moment ago, before it answers "not found". When
 * the group is up to date it costs two admin calls and no wait.
 */
public class EventCatchUp implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EventCatchUp.class);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final Admin admin;

	private final String group;

	private final Duration timeout;

	public EventCatchUp(Admin admin, String group, Duration timeout) {
		this.admin = admin;
		this.group = group;
		this.timeout = timeout;
	}

	/**
	 * Returns once the group has handled everything on the topic up to now, or after the
	 * timeout; returns whether it caught up.
	 */
	public boolean await(String topic) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Map<TopicPartition, Long> end = endOffsets(topic);
			while (true) {
				Map<TopicPartition, OffsetAndMetadata> done = this.admin.listConsumerGroupOffsets(this.group)
					.partitionsToOffsetAndMetadata()
					.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				if (end.entrySet()
					.stream()
					.allMatch((partition) -> caughtUp(done.get(partition.getKey()), partition.getValue()))) {
					return true;
				}
				if (System.nanoTime() > deadline) {
					return false;
				}
				LockSupport.parkNanos(POLL_NANOS);
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				// Nothing was ever published there: nothing to catch up with.
				return true;
			}
			log.warn("Could not compare group {} with topic {}: {}", this.group, topic, ex.toString());
			return false;
		}
		catch (TimeoutException ex) {
			log.warn("Could not compare group {} with topic {}: {}", this.group, topic, ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private Map<TopicPartition, Long> endOffsets(String topic)
			throws InterruptedException, ExecutionException, TimeoutException {
		int partitions = this.admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.get(topic)
			.partitions()
			.size();
		Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions)
			.mapToObj((partition) -> new TopicPartition(topic, partition))
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> offsets = this.admin.listOffsets(latest)
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		return offsets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private static boolean caughtUp(OffsetAndMetadata committed, long end) {
		return end == 0 || (committed != null && committed.offset() >= end);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
