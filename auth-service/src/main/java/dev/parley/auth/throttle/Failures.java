package dev.parley.auth.throttle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.platform.error.ApiException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Failure counters shared by all replicas (Redis). Past its allowance within the window,
 * each further failure locks the counter's subject for a delay that doubles, up to the
 * window: a person who mistypes a few times barely notices, a guesser is slowed to a
 * trickle, and nothing is locked for longer than the window.
 */
@Component
public class Failures {

	private final StringRedisTemplate redis;

	Failures(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Throws 429 RATE_LIMITED (with the longest wait) while any counter is locked. */
	public void check(List<Counter> counters) {
		long longest = 0;
		for (Counter counter : counters) {
			Long millis = this.redis.getExpire(lockKey(counter), TimeUnit.MILLISECONDS);
			if (millis != null && millis > longest) {
				longest = millis;
			}
		}
		if (longest > 0) {
			throw ApiException.tooManyRequests("RATE_LIMITED", "Too many failed attempts. Try again later.",
					Duration.ofMillis(longest));
		}
	}

	public void failed(List<Counter> counters) {
		counters.forEach(this::fail);
	}

	public void reset(Counter counter) {
		this.redis.delete(List.of(failKey(counter), lockKey(counter)));
	}

	private void fail(Counter counter) {
		Long failures = this.redis.opsForValue().increment(failKey(counter));
		if (failures == null) {
			return;
		}
		if (failures == 1) {
			this.redis.expire(failKey(counter), counter.window());
		}
		if (failures >= counter.allowed()) {
			long doublings = Math.min(20, failures - counter.allowed());
			Duration delay = counter.firstDelay().multipliedBy(1L << doublings);
			this.redis.opsForValue()
				.set(lockKey(counter), "1", (delay.compareTo(counter.window()) > 0) ? counter.window() : delay);
		}
	}

	private static String failKey(Counter counter) {
		return "auth:fail:" + counter.subject();
	}

	private static String lockKey(Counter counter) {
		return "auth:lock:" + counter.subject();
	}

	/**
	 * @param subject what is counted, e.g. {@code login:pair:<account>:<address>}
	 * @param allowed failures within the window before delays start
	 * @param window how long failures are remembered, and the longest delay
	 * @param firstDelay the first delay; each further failure doubles it
	 */
	public record Counter(String subject, int allowed, Duration window, Duration firstDelay) {
	}

}
