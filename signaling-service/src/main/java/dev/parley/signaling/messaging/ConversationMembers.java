package dev.parley.signaling.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.parley.platform.web.ServiceClients;
import dev.parley.signaling.socket.ClientSocket;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Who is in a conversation, for relaying typing. Asked of message-service with the
 * socket's token (so it also checks that the asker is a member), then kept in Redis for
 * every replica until the conversation changes ({@code conversation.updated}) or ten
 * minutes pass.
 */
@Component
public class ConversationMembers {

	static final String KEY_PREFIX = "parley:members:";

	private static final Duration TTL = Duration.ofMinutes(10);

	private final StringRedisTemplate redis;

	private final RestClient messageService;

	ConversationMembers(StringRedisTemplate redis, ServiceClients services) {
		this.redis = redis;
		this.messageService = services.forService("message-service");
	}

	/** The members, or {@link NotAMember} when the socket's user is not one of them. */
	Set<String> of(ClientSocket socket, String conversationId) {
		String key = KEY_PREFIX + conversationId;
		Set<String> cached = this.redis.opsForSet().members(key);
		if (cached != null && !cached.isEmpty()) {
			if (!cached.contains(socket.userId())) {
				throw new NotAMember();
			}
			return cached;
		}
		Members members = this.messageService.get()
			.uri("/api/conversations/{id}/members", conversationId)
			.headers((headers) -> headers.setBearerAuth(socket.token()))
			.retrieve()
			.onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
				throw new NotAMember();
			})
			.body(Members.class);
		if (members == null || members.memberIds().isEmpty()) {
			throw new NotAMember();
		}
		this.redis.opsForSet().add(key, members.memberIds().toArray(String[]::new));
		this.redis.expire(key, TTL);
		return Set.copyOf(members.memberIds());
	}

	void forget(String conversationId) {
		this.redis.delete(KEY_PREFIX + conversationId);
	}

	record Members(String conversationId, List<String> memberIds) {
	}

	/** The user is not in the conversation (or it does not exist). */
	static class NotAMember extends RuntimeException {

		NotAMember() {
			super("not a member", null, false, false);
		}

	}

}
