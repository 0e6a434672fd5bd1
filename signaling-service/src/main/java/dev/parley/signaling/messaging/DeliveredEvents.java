package dev.parley.signaling.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

/**
 * The message events delivered lately, by event id, across replicas
 * ({@code parley:delivered:<event id>} in Redis, kept {@link #KEEP}): an event that comes
 * again (the outbox relay sent it again after a timeout, or a consumer read it again
 * after a rebalance or a crash) is not delivered a second time. One pipelined round trip
 * per batch of events.
 */
@Component
class DeliveredEvents {

	static final String PREFIX = "parley:delivered:";

	/** Far longer than any redelivery: a relay's retry, a rebalance, a restart. */
	static final Duration KEEP = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(DeliveredEvents.class);

	private static final byte[] MARK = { '1' };

	private final StringRedisTemplate redis;

	DeliveredEvents(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Notes the events as delivered; for each, whether this is its first time. If Redis
	 * cannot say, every event counts as new: a duplicate is better than a loss.
	 */
	boolean[] firstTime(List<String> eventIds) {
		boolean[] first = new boolean[eventIds.size()];
		Arrays.fill(first, true);
		if (eventIds.isEmpty()) {
			return first;
		}
		try {
			List<Object> results = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				for (String id : eventIds) {
					connection.stringCommands()
						.set((PREFIX + id).getBytes(StandardCharsets.UTF_8), MARK, Expiration.from(KEEP),
								SetOption.ifAbsent());
				}
				return null;
			});
			for (int i = 0; i < first.length; i++) {
				first[i] = !Boolean.FALSE.equals(results.get(i));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not check message events for repeats; delivering them all: {}", ex.getMessage());
		}
		return first;
	}

}
