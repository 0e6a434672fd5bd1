package dev.parley.auth.throttle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.parley.platform.error.ApiException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Failure counters shared by all replicas (Redis). An attempt counts as a failure from
 * the moment it starts, atomically with the check, and is taken back if it succeeds; so a
 * burst of parallel guesses is counted as it arrives, not once the guesses have been
 * checked. The attempt that reaches a counter's allowance within the window locks the
 * counter's subject for a first delay, and each further one for double the last, up to
 * the window: a person who mistypes a few times barely notices, a guesser is slowed to a
 * trickle, and nothing is locked for longer than the window.
 */
@Component
public class Failures {

	/**
	 * KEYS: lock and count of each counter, in pairs. ARGV: per counter, its window,
	 * allowance and first delay (ms). Returns the longest remaining lock (nothing counted
	 * then), or 0 once counted (locking what reached its allowance).
	 */
	private static final RedisScript<Long> BEGIN = RedisScript.of("""
			local longest = 0
			for i = 1, #KEYS, 2 do
			  local ttl = redis.call('PTTL', KEYS[i])
			  if ttl > longest then longest = ttl end
			end
			if longest > 0 then return longest end
			for i = 1, #KEYS, 2 do
			  local a = (i - 1) / 2 * 3
			  local window, allowed, first = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
			  local count = redis.call('INCR', KEYS[i + 1])
			  if count == 1 then redis.call('PEXPIRE', KEYS[i + 1], window) end
			  if count >= allowed then
			    local delay = first * 2 ^ math.min(20, count - allowed)
			    redis.call('SET', KEYS[i], '1', 'PX', math.floor(math.min(delay, window)))
			  end
			end
			return 0""", Long.class);

	/**
	 * KEYS: lock and count of each counter, in pairs. ARGV: each allowance. Takes back
	 * one attempt from each (never below zero), and lifts a lock that it no longer earns.
	 */
	private static final RedisScript<Long> TAKE_BACK = RedisScript.of("""
			for i = 1, #KEYS, 2 do
			  local count = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
			  if count > 0 then count = redis.call('DECR', KEYS[i + 1]) end
			  if count < tonumber(ARGV[(i + 1) / 2]) then redis.call('DEL', KEYS[i]) end
			end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	Failures(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Counts an attempt against every counter, or throws 429 RATE_LIMITED (with the
	 * longest wait, counting nothing) while any of them is locked. An attempt that fails
	 * needs nothing more; one that succeeds is taken back with {@link #succeeded}.
	 */
	public void begin(List<Counter> counters) {
		List<String> args = new ArrayList<>();
		for (Counter counter : counters) {
			args.add(String.valueOf(counter.window().toMillis()));
			args.add(String.valueOf(counter.allowed()));
			args.add(String.valueOf(counter.firstDelay().toMillis()));
		}
		Long locked = this.redis.execute(BEGIN, keys(counters), args.toArray());
		if (locked != null && locked > 0) {
			throw ApiException.tooManyRequests("RATE_LIMITED", "Too many failed attempts. Try again later.",
					Duration.ofMillis(locked));
		}
	}

	/** The attempt succeeded: it no longer counts. */
	public void succeeded(List<Counter> counters) {
		this.redis.execute(TAKE_BACK, keys(counters),
				counters.stream().map((counter) -> String.valueOf(counter.allowed())).toArray());
	}

	/** Forgets the counter's failures altogether. */
	public void reset(Counter counter) {
		this.redis.delete(List.of(countKey(counter), lockKey(counter)));
	}

	private static List<String> keys(List<Counter> counters) {
		List<String> keys = new ArrayList<>();
		for (Counter counter : counters) {
			keys.add(lockKey(counter));
			keys.add(countKey(counter));
		}
		return keys;
	}

	private static String countKey(Counter counter) {
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
