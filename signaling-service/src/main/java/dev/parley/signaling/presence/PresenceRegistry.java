package dev.parley.signaling.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Who is online, across replicas, in Redis:
 * <ul>
 * <li>{@code parley:presence:<user>}: a sorted set of the nodes holding a socket of the
 * user, each scored with the time its claim expires;</li>
 * <li>{@code parley:presence:online}: the online users, scored the same way;</li>
 * <li>{@code parley:presence:last-seen:<user>}: when the user was last online.</li>
 * </ul>
 * Each node renews its claims on a timer; claims of a node that died expire, and any
 * node's sweep then takes those users offline. The scripts run atomically, so exactly one
 * caller sees each online/offline change.
 */
@Component
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceRegistry {

	static final String PREFIX = "parley:presence:";

	static final String ONLINE = PREFIX + "online";

	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			local was = redis.call('ZSCORE', KEYS[2], ARGV[3])
			redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
			redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
			if was then return 0 else return 1 end""", Long.class);

	/** Drops this node's (and dead nodes') claims; offline when none is left. */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if ARGV[1] ~= '' then redis.call('ZREM', KEYS[1], ARGV[1]) end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
			if redis.call('ZCARD', KEYS[1]) > 0 then
			  local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
			  redis.call('ZADD', KEYS[2], top[2], ARGV[3])
			  return 0
			end
			local removed = redis.call('ZREM', KEYS[2], ARGV[3])
			if removed == 1 then redis.call('SET', KEYS[3], ARGV[4]) end
			return removed""", Long.class);

	/**
	 * Shortens this node's claim of a user to the given expiry (and the user's online
	 * expiry to that of their longest claim).
	 */
	private static final RedisScript<Long> HAND_OVER = RedisScript.of("""
			redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
			local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
			if top[2] then redis.call('ZADD', KEYS[2], 'XX', top[2], ARGV[3]) end
			redis.call('SET', KEYS[3], ARGV[4])
			return 1""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration ttl;

	private final Clock clock;

	private final String node = UUID.randomUUID().toString();

	PresenceRegistry(StringRedisTemplate redis, PresenceProperties properties) {
		this.redis = redis;
		this.ttl = properties.nodeTtl();
		this.clock = Clock.systemUTC();
	}

	/**
	 * This node holds a socket of the user; returns whether the user just came online.
	 */
	boolean claim(String userId) {
		long expires = this.clock.millis() + this.ttl.toMillis();
		return this.redis.execute(CLAIM, List.of(key(userId), ONLINE), this.node, Long.toString(expires), userId) == 1L;
	}

	/** This node holds no socket of the user any more; the time if they went offline. */
	Optional<Instant> release(String userId) {
		return release(userId, this.node, this.clock.instant());
	}

	/**
	 * Renews this node's claims; returns the users who were offline (swept while this
	 * node could not renew, e.g. after a long pause) and are online again.
	 */
	List<String> renew(List<String> userIds) {
		return userIds.stream().filter(this::claim).toList();
	}

	/**
	 * This node is stopping: its claims of the users end after the grace instead of now,
	 * so that a user whose client reconnects to another node meanwhile never looks
	 * offline. The time is noted as their last seen, for those who do not come back.
	 */
	void handOver(List<String> userIds, Duration grace) {
		Instant now = this.clock.instant();
		String expires = Long.toString(now.toEpochMilli() + grace.toMillis());
		for (String userId : userIds) {
			this.redis.execute(HAND_OVER, List.of(key(userId), ONLINE, lastSeenKey(userId)), this.node, expires, userId,
					now.toString());
		}
	}

	/**
	 * Takes offline the users whose every claim expired (their node died, or handed them
	 * over and they did not come back); returns them with the time they were last vouched
	 * for: the last renewal of a node that died, or the hand-over.
	 */
	Map<String, Instant> sweep() {
		long now = this.clock.millis();
		Map<String, Instant> offline = new HashMap<>();
		var stale = this.redis.opsForZSet().rangeByScoreWithScores(ONLINE, Double.NEGATIVE_INFINITY, now);
		List<TypedTuple<String>> entries = (stale != null) ? List.copyOf(stale) : List.of();
		if (entries.isEmpty()) {
			return offline;
		}
		List<String> noted = this.redis.opsForValue()
			.multiGet(entries.stream().map((entry) -> lastSeenKey(entry.getValue())).toList());
		for (int i = 0; i < entries.size(); i++) {
			TypedTuple<String> entry = entries.get(i);
			Instant lastSeen = Instant.ofEpochMilli(entry.getScore().longValue() - this.ttl.toMillis());
			String handedOver = (noted != null) ? noted.get(i) : null;
			if (handedOver != null && Instant.parse(handedOver).isAfter(lastSeen)) {
				lastSeen = Instant.parse(handedOver);
			}
			release(entry.getValue(), "", lastSeen).ifPresent((at) -> offline.put(entry.getValue(), at));
		}
		return offline;
	}

	/** Online state and last-seen time of each user. */
	List<Status> status(List<String> userIds) {
		if (userIds.isEmpty()) {
			return List.of();
		}
		long now = this.clock.millis();
		List<Object> scores = this.redis
			.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
				for (String userId : userIds) {
					connection.zSetCommands().zScore(ONLINE.getBytes(), userId.getBytes());
				}
				return null;
			});
		List<String> lastSeen = this.redis.opsForValue()
			.multiGet(userIds.stream().map(PresenceRegistry::lastSeenKey).toList());
		List<Status> result = new ArrayList<>();
		for (int i = 0; i < userIds.size(); i++) {
			boolean online = scores.get(i) instanceof Double score && score > now;
			String seen = (lastSeen != null) ? lastSeen.get(i) : null;
			result.add(new Status(userIds.get(i), online, (seen != null) ? Instant.parse(seen) : null));
		}
		return result;
	}

	private Optional<Instant> release(String userId, String node, Instant at) {
		Long removed = this.redis.execute(RELEASE, List.of(key(userId), ONLINE, lastSeenKey(userId)), node,
				Long.toString(this.clock.millis()), userId, at.toString());
		return (removed != null && removed == 1L) ? Optional.of(at) : Optional.empty();
	}

	private static String key(String userId) {
		return PREFIX + userId;
	}

	static String lastSeenKey(String userId) {
		return PREFIX + "last-seen:" + userId;
	}

	/** {@code lastSeenAt} is {@code null} for someone never seen offline. */
	record Status(String userId, boolean online, Instant lastSeenAt) {
	}

}
