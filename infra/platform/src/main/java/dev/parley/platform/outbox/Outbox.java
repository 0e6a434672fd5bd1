package dev.parley.platform.outbox;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.EventTracing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a service publishes an event: written to its {@code outbox} table in the
 * same transaction as the change it describes, then relayed to Kafka by
 * {@link OutboxRelay}. So there is no event without its row and no row without its event.
 *
 * <p>
 * Each service's migrations create the table:
 * {@code outbox(seq bigserial primary key, topic text, event_key text, payload text, created_at timestamptz, trace_parent text)}.
 * The row keeps the trace context of the span that wrote it, and the relay sends it on
 * ({@link EventTracing}).
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Runnable onCommit;

	private final EventTracing tracing;

	public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Runnable onCommit, EventTracing tracing) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.onCommit = onCommit;
		this.tracing = tracing;
	}

	/** Records the event in the caller's transaction (there must be one). */
	public <T> EventEnvelope<T> publish(String topic, String key, String type, T data) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox.publish needs the transaction of the change it describes");
		}
		EventEnvelope<T> event = EventEnvelope.of(type, data, this.clock.instant());
		this.jdbc
			.sql("insert into outbox (topic, event_key, payload, trace_parent) values (:topic, :key, :payload, :trace)")
			.param("topic", topic)
			.param("key", key)
			.param("payload", this.json.writeValueAsString(event))
			.param("trace", this.tracing.current())
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.onCommit.run();
			}
		});
		return event;
	}

}
