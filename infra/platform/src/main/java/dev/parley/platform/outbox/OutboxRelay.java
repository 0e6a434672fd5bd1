package dev.parley.platform.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.events.EventTracing;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka in order, at least once: a row is deleted only after the
 * broker acknowledged it, so a crash in between republishes it (consumers deduplicate by
 * event id). Runs right after each commit and on a short timer, one batch at a time.
 * Replicas of a service take turns: a pass runs only while it holds a transaction-scoped
 * advisory lock on the schema's outbox, so two replicas never publish rows of one key out
 * of order; a replica whose turn comes after another's relays what was committed in the
 * meantime at once.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final int BATCH = 100;

	/** How long a pass waits for another replica's pass to end. */
	private static final Duration TURN_TIMEOUT = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final KafkaTemplate<String, String> kafka;

	private final TransactionTemplate transactions;

	private final Duration interval;

	private final AtomicBoolean pending = new AtomicBoolean();

	private ScheduledExecutorService executor;

	public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate transactions,
			Duration interval) {
		this.jdbc = jdbc;
		this.kafka = kafka;
		this.transactions = transactions;
		this.interval = interval;
	}

	/** Asks for a relay pass soon (called after a commit that wrote to the outbox). */
	public void nudge() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null && this.pending.compareAndSet(false, true)) {
			executor.execute(this::drain);
		}
	}

	/** Relays until the outbox is empty; returns how many events went out. */
	public int drain() {
		this.pending.set(false);
		int total = 0;
		try {
			int sent;
			do {
				sent = relayBatch();
				total += sent;
			}
			while (sent == BATCH);
		}
		catch (RuntimeException ex) {
			log.warn("Outbox relay failed; will retry: {}", ex.getMessage());
		}
		return total;
	}

	private int relayBatch() {
		Integer sent = this.transactions.execute((tx) -> {
			// Wait for a turn rather than skip it: the rows committed during another
			// replica's pass are not in that pass's batch, and would otherwise wait for
			// the timer. A replica that holds the turn for long (stopped, or cut off from
			// Kafka) makes the others give up after a while, not queue up forever.
			this.jdbc.sql("set local lock_timeout = '" + TURN_TIMEOUT.toMillis() + "ms'").update();
			// Deleting sent rows need not wait for the disk: rows a crash brings back
			// are sent again, which consumers already expect (at least once). The
			// turn passes on sooner, and the messages' own commits get the disk.
			this.jdbc.sql("set local synchronous_commit = off").update();
			this.jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
				.query((rs, n) -> n)
				.list();
			List<Row> rows = this.jdbc
				.sql("select seq, topic, event_key, payload, trace_parent from outbox order by seq limit " + BATCH)
				.query((rs, n) -> new Row(rs.getLong("seq"), rs.getString("topic"), rs.getString("event_key"),
						rs.getString("payload"), rs.getString("trace_parent")))
				.list();
			// Send the whole batch, then wait: the producer keeps per-key order
			// (idempotent, in-flight requests retried in order), and one round trip
			// serves many rows.
			List<CompletableFuture<?>> sends = new ArrayList<>();
			for (Row row : rows) {
				ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
				// The trace of whatever wrote the row goes on with the event.
				EventTracing.addTo(record.headers(), row.traceParent());
				sends.add(this.kafka.send(record));
			}
			try {
				CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Kafka did not take outbox rows from " + rows.getFirst().seq(), ex);
			}
			if (!rows.isEmpty()) {
				this.jdbc.sql("delete from outbox where seq in (:seqs)")
					.param("seqs", rows.stream().map(Row::seq).toList())
					.update();
			}
			return rows.size();
		});
		return (sent != null) ? sent : 0;
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-relay").factory());
		this.executor.scheduleWithFixedDelay(this::drain, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	private record Row(long seq, String topic, String key, String payload, String traceParent) {
	}

}
