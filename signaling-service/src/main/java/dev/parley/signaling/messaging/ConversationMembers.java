package dev.parley.signaling.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.web.ServiceClients;
import dev.parley.signaling.socket.ClientSocket;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Who is in a conversation, and who among them blocked whom, for relaying typing. Asked
 * of message-service with the socket's token (so it also checks that the asker is a
 * member), then kept in Redis for every replica until the conversation changes
 * ({@code conversation.updated}) or ten minutes pass. A change bumps the conversation's
 * generation, and an answer is cached only if no change came while it was being fetched,
 * so a lookup that crossed a change never puts the old members back.
 */
@Component
public class ConversationMembers {

	static final String KEY_PREFIX = "parley:members:";

	static final String GENERATION_SUFFIX = ":generation";

	/** Marks a cached {@code <blocker>><blocked>} entry among the member ids. */
	static final String BLOCK = "!";

	private static final Duration TTL = Duration.ofMinutes(10);

	/** Refusals of message-service that typing passes on as they are. */
	private static final Set<ErrorCode> PASSED_ON = Set.of(ErrorCode.BLOCKED, ErrorCode.NOT_FRIENDS);

	/** Outlives any lookup in flight. */
	private static final Duration GENERATION_TTL = Duration.ofDays(1);

	/** KEYS: members, generation. ARGV: expected generation, ttl seconds, members... */
	private static final RedisScript<Long> STORE = RedisScript.of("""
			if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then
			  return 0
			end
			redis.call('DEL', KEYS[1])
			redis.call('SADD', KEYS[1], unpack(ARGV, 3))
			redis.call('EXPIRE', KEYS[1], ARGV[2])
			return 1""", Long.class);

	private final StringRedisTemplate redis;

	private final RestClient messageService;

	private final JsonMapper json;

	ConversationMembers(StringRedisTemplate redis, ServiceClients services, JsonMapper json) {
		this.redis = redis;
		this.json = json;
		this.messageService = services.forService("message-service");
	}

	/**
	 * The members who may see what the socket's user does here (typing): all but the
	 * socket's user and those who blocked them; or {@link Refused} when the socket's user
	 * is not a member, or may not message the other person of a direct conversation
	 * (blocked, no longer friends).
	 */
	List<String> audienceOf(ClientSocket socket, String conversationId) {
		Set<String> entries = of(socket, conversationId);
		String me = socket.userId();
		return entries.stream()
			.filter((entry) -> !entry.startsWith(BLOCK) && !entry.equals(me)
					&& !entries.contains(BLOCK + entry + ">" + me))
			.toList();
	}

	/**
	 * The members and, marked with {@link #BLOCK}, who among them blocked whom (as
	 * cached: one set per conversation).
	 */
	private Set<String> of(ClientSocket socket, String conversationId) {
		String key = KEY_PREFIX + conversationId;
		Set<String> cached = this.redis.opsForSet().members(key);
		if (cached != null && !cached.isEmpty()) {
			if (!cached.contains(socket.userId())) {
				throw Refused.notAMember();
			}
			return cached;
		}
		String generation = generation(conversationId);
		Members members = fetch(socket.token(), conversationId);
		if (members == null || members.memberIds().isEmpty()) {
			throw Refused.notAMember();
		}
		List<String> entries = new ArrayList<>(members.memberIds());
		if (members.blocks() != null) {
			members.blocks().forEach((block) -> entries.add(BLOCK + block));
		}
		store(conversationId, generation, entries);
		return Set.copyOf(entries);
	}

	/**
	 * The kind and members of a conversation the user may call in now (asked of
	 * message-service every time, with the user's token: a call is rare, and a block or a
	 * removal must count at once), or {@link Refused}: not a member; in a direct
	 * conversation also blocked or no longer friends.
	 */
	public Members forCall(String userId, String token, String conversationId) {
		Members members = fetch(token, conversationId);
		if (members == null || !members.memberIds().contains(userId)) {
			throw Refused.notAMember();
		}
		return members;
	}

	/** message-service's answer for the token's user, or {@link Refused}. */
	private Members fetch(String token, String conversationId) {
		return this.messageService.get()
			.uri("/api/conversations/{id}/members", conversationId)
			.headers((headers) -> headers.setBearerAuth(token))
			.retrieve()
			.onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
				throw refusal(response.getBody().readAllBytes());
			})
			.body(Members.class);
	}

	/**
	 * The conversation's generation: how many changes were seen ("0" before the first).
	 */
	String generation(String conversationId) {
		String value = this.redis.opsForValue().get(KEY_PREFIX + conversationId + GENERATION_SUFFIX);
		return (value != null) ? value : "0";
	}

	/** Caches the members if the conversation is still at {@code generation}. */
	boolean store(String conversationId, String generation, List<String> memberIds) {
		List<String> args = new ArrayList<>(List.of(generation, String.valueOf(TTL.toSeconds())));
		args.addAll(memberIds);
		Long stored = this.redis.execute(STORE,
				List.of(KEY_PREFIX + conversationId, KEY_PREFIX + conversationId + GENERATION_SUFFIX), args.toArray());
		return stored != null && stored == 1;
	}

	void forget(String conversationId) {
		String generationKey = KEY_PREFIX + conversationId + GENERATION_SUFFIX;
		this.redis.opsForValue().increment(generationKey);
		this.redis.expire(generationKey, GENERATION_TTL);
		this.redis.delete(KEY_PREFIX + conversationId);
	}

	/** message-service's refusal, by its problem code (a block, or not a member). */
	private Refused refusal(byte[] problem) {
		try {
			JsonNode body = this.json.readTree(problem);
			ErrorCode code = ErrorCode.of(body.path("code").asString("")).orElse(null);
			if (code != null && PASSED_ON.contains(code)) {
				return new Refused(code, body.path("detail").asString("You cannot message this person."));
			}
		}
		catch (JacksonException ex) {
			// Not a problem document: treated as not a member.
		}
		return Refused.notAMember();
	}

	/**
	 * {@code kind}: DIRECT or GROUP; {@code blocks}: {@code "<blocker>><blocked>"} among
	 * the members of a group.
	 */
	public record Members(String conversationId, String kind, List<String> memberIds, List<String> blocks) {

		public boolean isGroup() {
			return "GROUP".equals(this.kind);
		}

	}

	/**
	 * Why the user may not type or call here, as the code and message of an error frame.
	 */
	public static final class Refused extends RuntimeException {

		private final ErrorCode code;

		Refused(ErrorCode code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

		static Refused notAMember() {
			return new Refused(ErrorCode.NOT_A_MEMBER, "You are not a member of this conversation.");
		}

		public ErrorCode code() {
			return this.code;
		}

	}

}
