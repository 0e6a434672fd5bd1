package dev.parley.signaling.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The calls of every replica, in Redis. Each change is one script, so two replicas never
 * both win a transition (two devices accepting at once, a hang-up crossing a time-out).
 * <ul>
 * <li>{@code parley:call:<id>}: the {@link Call} (a hash); it expires, so nothing lingers
 * after a crash, and an ended call stays a minute for late frames.</li>
 * <li>{@code parley:calling:<user>}: the call a user is in or ringing for (busy).</li>
 * <li>{@code parley:call-deadlines}: what must happen when (score: epoch ms), as
 * {@code <callId>|ring}, {@code |connect}, {@code |rejoin-caller} or
 * {@code |rejoin-callee}; whichever replica removes a due entry carries it out.</li>
 * <li>{@code parley:calls-live}: the ids of calls not yet ended (score: epoch ms of the
 * invite), counted by the {@code parley.calls.active} gauge.</li>
 * </ul>
 * A group call has the same hash (with {@code group} set, no callee), and besides:
 * <ul>
 * <li>{@code parley:call:<id>:in}: who is in it, user id to socket id (empty while that
 * socket is away: the user may come back on another within the rejoin grace).</li>
 * <li>{@code parley:call:<id>:joined}: everyone who took part, for the record.</li>
 * <li>{@code parley:group-call:<conversationId>}: the group's call in progress (one at a
 * time).</li>
 * <li>deadlines {@code <callId>|ring} (members stop ringing) and
 * {@code <callId>|rejoin|<userId>}.</li>
 * </ul>
 */
@Component
class CallStore {

	static final String CALL_PREFIX = "parley:call:";

	static final String CALLING_PREFIX = "parley:calling:";

	static final String DEADLINES = "parley:call-deadlines";

	static final String LIVE = "parley:calls-live";

	static final String IN_SUFFIX = ":in";

	static final String JOINED_SUFFIX = ":joined";

	static final String GROUP_CALL_PREFIX = "parley:group-call:";

	/** A live call's keys outlive any real call; an ended one stays this long. */
	static final Duration LIVE_TTL = Duration.ofHours(12);

	static final Duration ENDED_TTL = Duration.ofMinutes(1);

	/** KEYS: call, calling caller, calling callee, deadlines, live. */
	private static final RedisScript<String> INVITE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 'DUPLICATE' end
			if redis.call('EXISTS', KEYS[2]) == 1 then return 'SELF_BUSY' end
			if redis.call('EXISTS', KEYS[3]) == 1 then return 'BUSY' end
			redis.call('HSET', KEYS[1], 'state', 'RINGING', 'conversationId', ARGV[2], 'media', ARGV[3],
			  'caller', ARGV[4], 'callerSocket', ARGV[5], 'callee', ARGV[6], 'calleeSocket', '', 'createdAt', ARGV[7])
			redis.call('EXPIRE', KEYS[1], ARGV[9])
			redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[9])
			redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[9])
			redis.call('ZADD', KEYS[4], ARGV[8], ARGV[1] .. '|ring')
			redis.call('ZADD', KEYS[5], ARGV[7], ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[7] - ARGV[9] * 1000)
			return 'OK'""", String.class);

	/** KEYS: call, deadlines. ARGV: user, socket, now, connect due, call id. */
	private static final RedisScript<String> ACCEPT = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'GONE' end
			if redis.call('HGET', KEYS[1], 'callee') ~= ARGV[1] then return 'NOT_CALLEE' end
			if state ~= 'RINGING' then return state end
			redis.call('HSET', KEYS[1], 'state', 'ACTIVE', 'calleeSocket', ARGV[2], 'acceptedAt', ARGV[3])
			redis.call('ZREM', KEYS[2], ARGV[5] .. '|ring')
			redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5] .. '|connect')
			return 'OK'""", String.class);

	/**
	 * KEYS: call, calling caller, calling callee, deadlines, live. ARGV: states it may
	 * end from (space-separated), its end state, now, call id, seconds to keep it.
	 */
	private static final RedisScript<String> END = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'GONE' end
			if not string.find(' ' .. ARGV[1] .. ' ', ' ' .. state .. ' ', 1, true) then return state end
			redis.call('HSET', KEYS[1], 'state', ARGV[2], 'endedAt', ARGV[3])
			redis.call('EXPIRE', KEYS[1], ARGV[5])
			for i = 2, 3 do
			  if redis.call('GET', KEYS[i]) == ARGV[4] then redis.call('DEL', KEYS[i]) end
			end
			redis.call('ZREM', KEYS[4], ARGV[4] .. '|ring', ARGV[4] .. '|connect',
			  ARGV[4] .. '|rejoin-caller', ARGV[4] .. '|rejoin-callee')
			redis.call('ZREM', KEYS[5], ARGV[4])
			return 'OK'""", String.class);

	/**
	 * A socket closed. KEYS: call, deadlines. ARGV: socket, rejoin due, call id. Returns
	 * the role that is now away, CALLER_RINGING, or an empty string.
	 */
	private static final RedisScript<String> AWAY = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if state == 'RINGING' and redis.call('HGET', KEYS[1], 'callerSocket') == ARGV[1] then
			  return 'CALLER_RINGING'
			end
			if state ~= 'ACTIVE' then return '' end
			for _, role in ipairs({'caller', 'callee'}) do
			  if redis.call('HGET', KEYS[1], role .. 'Socket') == ARGV[1] then
			    redis.call('HSET', KEYS[1], role .. 'Socket', '')
			    redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3] .. '|rejoin-' .. role)
			    return role
			  end
			end
			return ''""", String.class);

	/** KEYS: call, deadlines. ARGV: user, socket, call id. */
	private static final RedisScript<String> REJOIN = RedisScript.of(
			"""
					if redis.call('HGET', KEYS[1], 'state') ~= 'ACTIVE' then return 'NO' end
					for _, role in ipairs({'caller', 'callee'}) do
					  if redis.call('HGET', KEYS[1], role) == ARGV[1] and redis.call('HGET', KEYS[1], role .. 'Socket') == '' then
					    redis.call('HSET', KEYS[1], role .. 'Socket', ARGV[2])
					    redis.call('ZREM', KEYS[2], ARGV[3] .. '|rejoin-' .. role)
					    return 'OK'
					  end
					end
					return 'NO'""",
			String.class);

	/**
	 * One end's media connected. KEYS: call, deadlines. ARGV: role, now, call id. Returns
	 * CONNECTED when that made both.
	 */
	private static final RedisScript<String> CONNECTED = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') ~= 'ACTIVE' then return 'NO' end
			redis.call('HSET', KEYS[1], ARGV[1] .. 'Media', '1')
			if redis.call('HGET', KEYS[1], 'callerMedia') == '1' and redis.call('HGET', KEYS[1], 'calleeMedia') == '1'
			  and not redis.call('HGET', KEYS[1], 'connectedAt') then
			  redis.call('HSET', KEYS[1], 'connectedAt', ARGV[2])
			  redis.call('ZREM', KEYS[2], ARGV[3] .. '|connect')
			  return 'CONNECTED'
			end
			return 'NO'""", String.class);

	/**
	 * KEYS: call, calling starter, group call, deadlines, live, in, joined. ARGV: id,
	 * conversation, media, starter, socket, now, ring due, seconds to keep, members.
	 */
	private static final RedisScript<String> GROUP_START = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return 'DUPLICATE' end
			if redis.call('EXISTS', KEYS[2]) == 1 then return 'SELF_BUSY' end
			if redis.call('EXISTS', KEYS[3]) == 1 then return 'IN_PROGRESS' end
			redis.call('HSET', KEYS[1], 'state', 'ACTIVE', 'group', '1', 'conversationId', ARGV[2], 'media', ARGV[3],
			  'caller', ARGV[4], 'createdAt', ARGV[6], 'members', ARGV[9])
			redis.call('HSET', KEYS[6], ARGV[4], ARGV[5])
			redis.call('SADD', KEYS[7], ARGV[4])
			for _, key in ipairs({KEYS[1], KEYS[6], KEYS[7]}) do redis.call('EXPIRE', key, ARGV[8]) end
			redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[8])
			redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[8])
			redis.call('ZADD', KEYS[4], ARGV[7], ARGV[1] .. '|ring')
			redis.call('ZADD', KEYS[5], ARGV[6], ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ARGV[6] - ARGV[8] * 1000)
			return 'OK'""", String.class);

	/**
	 * KEYS: call, calling user, in, joined, deadlines. ARGV: user, socket, now, limit,
	 * id, seconds to keep, mode. Returns OK (joined), BACK (took back a seat that was
	 * away) or MOVED:<socket> (took the seat over from the user's other socket), then the
	 * participants, space-separated; or why not. Mode {@code back} only takes back a seat
	 * that is away (NOT_IN when there is none, OTHER_DEVICE when another socket holds
	 * it). One who joined the group after the call started becomes one of the members
	 * that hear of it.
	 */
	private static final RedisScript<String> GROUP_JOIN = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'GONE' end
			if state ~= 'ACTIVE' then return 'ENDED' end
			local seat = redis.call('HGET', KEYS[3], ARGV[1])
			local result = 'OK'
			if seat then
			  if seat ~= '' and seat ~= ARGV[2] then
			    if ARGV[7] == 'back' then return 'OTHER_DEVICE' end
			    result = 'MOVED:' .. seat
			  else
			    result = 'BACK'
			  end
			  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
			  redis.call('ZREM', KEYS[5], ARGV[5] .. '|rejoin|' .. ARGV[1])
			elseif ARGV[7] == 'back' then
			  return 'NOT_IN'
			else
			  local calling = redis.call('GET', KEYS[2])
			  if calling and calling ~= ARGV[5] then return 'SELF_BUSY' end
			  if redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[4]) then return 'FULL' end
			  redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
			  redis.call('SADD', KEYS[4], ARGV[1])
			  redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[6])
			  local members = redis.call('HGET', KEYS[1], 'members') or ''
			  if not string.find(',' .. members .. ',', ',' .. ARGV[1] .. ',', 1, true) then
			    redis.call('HSET', KEYS[1], 'members', members .. ',' .. ARGV[1])
			  end
			  if redis.call('HLEN', KEYS[3]) >= 2 and not redis.call('HGET', KEYS[1], 'connectedAt') then
			    redis.call('HSET', KEYS[1], 'connectedAt', ARGV[3])
			  end
			end
			return result .. ' ' .. table.concat(redis.call('HKEYS', KEYS[3]), ' ')""", String.class);

	/**
	 * KEYS: call, calling user, in, group call, deadlines, live, joined. ARGV: user,
	 * socket (empty: only if still away), now, id, seconds to keep an ended call. Returns
	 * LEFT, ENDED (the last one left), NOT_IN or GONE.
	 */
	private static final RedisScript<String> GROUP_LEAVE = RedisScript.of("""
			if redis.call('HGET', KEYS[1], 'state') ~= 'ACTIVE' then return 'GONE' end
			local seat = redis.call('HGET', KEYS[3], ARGV[1])
			if not seat then return 'NOT_IN' end
			if seat ~= '' and seat ~= ARGV[2] then return 'NOT_IN' end
			redis.call('HDEL', KEYS[3], ARGV[1])
			if redis.call('GET', KEYS[2]) == ARGV[4] then redis.call('DEL', KEYS[2]) end
			redis.call('ZREM', KEYS[5], ARGV[4] .. '|rejoin|' .. ARGV[1])
			if redis.call('HLEN', KEYS[3]) > 0 then return 'LEFT' end
			redis.call('HSET', KEYS[1], 'state', 'ENDED', 'endedAt', ARGV[3])
			redis.call('EXPIRE', KEYS[1], ARGV[5])
			redis.call('EXPIRE', KEYS[7], ARGV[5])
			if redis.call('GET', KEYS[4]) == ARGV[4] then redis.call('DEL', KEYS[4]) end
			redis.call('ZREM', KEYS[5], ARGV[4] .. '|ring')
			redis.call('ZREM', KEYS[6], ARGV[4])
			return 'ENDED'""", String.class);

	/** KEYS: in, deadlines. ARGV: user, socket, rejoin due, id. */
	private static final RedisScript<String> GROUP_AWAY = RedisScript.of("""
			if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 'NO' end
			redis.call('HSET', KEYS[1], ARGV[1], '')
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4] .. '|rejoin|' .. ARGV[1])
			return 'AWAY'""", String.class);

	private final StringRedisTemplate redis;

	CallStore(StringRedisTemplate redis, MeterRegistry meters) {
		this.redis = redis;
		Gauge.builder("parley.calls.active", () -> live(System.currentTimeMillis()))
			.description("Calls ringing or in progress on every replica (each replica reports the same count)")
			.register(meters);
	}

	Optional<Call> find(String callId) {
		Map<Object, Object> hash = this.redis.opsForHash().entries(CALL_PREFIX + callId);
		return hash.isEmpty() ? Optional.empty() : Optional.of(Call.of(callId, hash));
	}

	/** OK, or why not: DUPLICATE (the id is taken), SELF_BUSY, BUSY (the callee). */
	String invite(String callId, String conversationId, String media, String caller, String callerSocket, String callee,
			long now, long ringDue) {
		return this.redis.execute(INVITE,
				List.of(CALL_PREFIX + callId, CALLING_PREFIX + caller, CALLING_PREFIX + callee, DEADLINES, LIVE),
				callId, conversationId, media, caller, callerSocket, callee, Long.toString(now), Long.toString(ringDue),
				Long.toString(LIVE_TTL.toSeconds()));
	}

	/** OK, or NOT_CALLEE, GONE, or the state the call is already in. */
	String accept(String callId, String user, String socket, long now, long connectDue) {
		return this.redis.execute(ACCEPT, List.of(CALL_PREFIX + callId, DEADLINES), user, socket, Long.toString(now),
				Long.toString(connectDue), callId);
	}

	/** OK if the call went from one of {@code from} to {@code to}; else its state. */
	String end(Call call, Set<String> from, String to, long now) {
		return this.redis.execute(END,
				List.of(CALL_PREFIX + call.id(), CALLING_PREFIX + call.caller(), CALLING_PREFIX + call.callee(),
						DEADLINES, LIVE),
				String.join(" ", from), to, Long.toString(now), call.id(), Long.toString(ENDED_TTL.toSeconds()));
	}

	String away(String callId, String socket, long rejoinDue) {
		return this.redis.execute(AWAY, List.of(CALL_PREFIX + callId, DEADLINES), socket, Long.toString(rejoinDue),
				callId);
	}

	boolean rejoin(String callId, String user, String socket) {
		return "OK".equals(this.redis.execute(REJOIN, List.of(CALL_PREFIX + callId, DEADLINES), user, socket, callId));
	}

	boolean connected(String callId, String role, long now) {
		return "CONNECTED".equals(this.redis.execute(CONNECTED, List.of(CALL_PREFIX + callId, DEADLINES), role,
				Long.toString(now), callId));
	}

	/**
	 * Calls not yet ended, on every replica (one read). One that never got its end (its
	 * replica killed mid-call, until the rejoin deadline ends it; keys lost by Redis) is
	 * not counted after the live lifetime, and the next invite removes it.
	 */
	long live(long now) {
		Long count = this.redis.opsForZSet().count(LIVE, now - LIVE_TTL.toMillis(), Double.POSITIVE_INFINITY);
		return (count != null) ? count : 0;
	}

	/**
	 * Starts a group call with its starter in it: OK, or DUPLICATE, SELF_BUSY,
	 * IN_PROGRESS (the group has a call).
	 */
	String startGroup(Call call, String socket, long ringDue) {
		return this.redis.execute(GROUP_START,
				List.of(CALL_PREFIX + call.id(), CALLING_PREFIX + call.caller(),
						GROUP_CALL_PREFIX + call.conversationId(), DEADLINES, LIVE, CALL_PREFIX + call.id() + IN_SUFFIX,
						CALL_PREFIX + call.id() + JOINED_SUFFIX),
				call.id(), call.conversationId(), call.media(), call.caller(), socket, Long.toString(call.createdAt()),
				Long.toString(ringDue), Long.toString(LIVE_TTL.toSeconds()), String.join(",", call.members()));
	}

	/**
	 * Puts the user in the group call on this socket: OK, BACK (a seat that was away
	 * taken back) or MOVED:&lt;socket&gt; (taken over from their other socket), followed
	 * by the participants, space-separated; else GONE, ENDED, SELF_BUSY (in another call)
	 * or FULL.
	 */
	String join(String callId, String user, String socket, long now, int limit) {
		return join(callId, user, socket, now, limit, "join");
	}

	/**
	 * Gives the user's away seat to this socket: BACK and the participants; else NOT_IN,
	 * OTHER_DEVICE, GONE or ENDED. Never adds anyone.
	 */
	String takeBack(String callId, String user, String socket, long now) {
		return join(callId, user, socket, now, 0, "back");
	}

	private String join(String callId, String user, String socket, long now, int limit, String mode) {
		return this.redis.execute(GROUP_JOIN,
				List.of(CALL_PREFIX + callId, CALLING_PREFIX + user, CALL_PREFIX + callId + IN_SUFFIX,
						CALL_PREFIX + callId + JOINED_SUFFIX, DEADLINES),
				user, socket, Long.toString(now), Integer.toString(limit), callId, Long.toString(LIVE_TTL.toSeconds()),
				mode);
	}

	/**
	 * Takes the user out of the group call (from {@code socket}, or with an empty socket
	 * only if theirs is still away): LEFT, ENDED (they were the last), NOT_IN or GONE.
	 */
	String leave(Call call, String user, String socket, long now) {
		return this.redis.execute(GROUP_LEAVE,
				List.of(CALL_PREFIX + call.id(), CALLING_PREFIX + user, CALL_PREFIX + call.id() + IN_SUFFIX,
						GROUP_CALL_PREFIX + call.conversationId(), DEADLINES, LIVE,
						CALL_PREFIX + call.id() + JOINED_SUFFIX),
				user, socket, Long.toString(now), call.id(), Long.toString(ENDED_TTL.toSeconds()));
	}

	/** The participant's socket closed: away until the rejoin deadline. */
	boolean awayFromGroup(String callId, String user, String socket, long rejoinDue) {
		return "AWAY".equals(this.redis.execute(GROUP_AWAY, List.of(CALL_PREFIX + callId + IN_SUFFIX, DEADLINES), user,
				socket, Long.toString(rejoinDue), callId));
	}

	/** Who is in the group call: user id to socket id (empty while away). */
	Map<String, String> participants(String callId) {
		Map<String, String> participants = new java.util.LinkedHashMap<>();
		this.redis.<String, String>opsForHash()
			.entries(CALL_PREFIX + callId + IN_SUFFIX)
			.forEach((user, socket) -> participants.put(user, socket));
		return participants;
	}

	/** Everyone who took part in the group call. */
	Set<String> joined(String callId) {
		Set<String> joined = this.redis.opsForSet().members(CALL_PREFIX + callId + JOINED_SUFFIX);
		return (joined != null) ? joined : Set.of();
	}

	/** The group's call in progress, if any. */
	Optional<String> groupCallOf(String conversationId) {
		return Optional.ofNullable(this.redis.opsForValue().get(GROUP_CALL_PREFIX + conversationId));
	}

	/** The call a user is in or ringing for, if any. */
	Optional<String> callOf(String user) {
		return Optional.ofNullable(this.redis.opsForValue().get(CALLING_PREFIX + user));
	}

	/** Deadlines due by {@code now}, at most {@code max}; each still to be claimed. */
	Set<String> due(long now, int max) {
		Set<String> due = this.redis.opsForZSet().rangeByScore(DEADLINES, Double.NEGATIVE_INFINITY, now, 0, max);
		return (due != null) ? due : Set.of();
	}

	/** Whether this replica won the deadline (and must carry it out). */
	boolean claim(String deadline) {
		Long removed = this.redis.opsForZSet().remove(DEADLINES, deadline);
		return removed != null && removed == 1;
	}

}
