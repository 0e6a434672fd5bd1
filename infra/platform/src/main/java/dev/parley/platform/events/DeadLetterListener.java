package dev.parley.platform.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Told about each record after it was given up on and moved to the dead-letter topic, so
 * a service can answer whoever is waiting for it. Exceptions it throws are logged and
 * ignored.
 */
@FunctionalInterface
public interface DeadLetterListener {

	void deadLettered(ConsumerRecord<?, ?> record, Exception cause);

}
