package dev.parley.platform.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event on Kafka looks like: a unique id (consumers deduplicate on it), a
 * stable type name, when it happened, and the type's data.
 *
 * @param <T> the data record
 */
public record EventEnvelope<T>(String id, String type, Instant occurredAt, T data) {

	/** A new event: a fresh id, happening at {@code occurredAt}. */
	public static <T> EventEnvelope<T> of(String type, T data, Instant occurredAt) {
		return new EventEnvelope<>(UUID.randomUUID().toString(), type, occurredAt, data);
	}

	/** A new event happening now. */
	public static <T> EventEnvelope<T> of(String type, T data) {
		return of(type, data, Instant.now());
	}

}
