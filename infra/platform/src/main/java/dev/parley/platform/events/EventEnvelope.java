package dev.parley.platform.events;

import java.time.Instant;

/**
 * What every event on Kafka looks like: a unique id (consumers deduplicate on it), a
 * stable type name, when it happened, and the type's data.
 *
 * @param <T> the data record
 */
public record EventEnvelope<T>(String id, String type, Instant occurredAt, T data) {

}
