package dev.parley.signaling.presence;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.parley.platform.web.ServiceClients;
import dev.parley.signaling.socket.ClientSocket;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Whose presence a user's changes go to: their friends, asked of user-service with the
 * socket's token when a socket opens and not known yet, kept in Redis
 * ({@code parley:friends:<user>}, with a {@code -} member so that "no friends" is
 * remembered too) and kept current from friendship events.
 */
@Component
public class FriendDirectory {

	static final String PREFIX = "parley:friends:";

	private static final String NONE = "-";

	private static final Duration TTL = Duration.ofHours(6);

	private final StringRedisTemplate redis;

	private final RestClient userService;

	FriendDirectory(StringRedisTemplate redis, ServiceClients services) {
		this.redis = redis;
		this.userService = services.forService("user-service");
	}

	/** The user's friends, fetched with the socket's token if not known. */
	List<String> friendsOf(ClientSocket socket) {
		return friendsOf(socket.userId(), socket.token());
	}

	/** The user's friends, fetched with the user's own token if not known. */
	List<String> friendsOf(String userId, String token) {
		Set<String> cached = this.redis.opsForSet().members(PREFIX + userId);
		if (cached != null && !cached.isEmpty()) {
			this.redis.expire(PREFIX + userId, TTL);
			return cached.stream().filter((id) -> !NONE.equals(id)).toList();
		}
		Friends friends = this.userService.get()
			.uri("/api/friends?presence=false")
			.headers((headers) -> headers.setBearerAuth(token))
			.retrieve()
			.body(Friends.class);
		List<String> ids = (friends != null) ? friends.items().stream().map((f) -> f.user().id()).toList() : List.of();
		remember(userId, ids);
		return ids;
	}

	/** The friends known here, without asking (when there is no token at hand). */
	public List<String> knownFriendsOf(String userId) {
		Set<String> cached = this.redis.opsForSet().members(PREFIX + userId);
		return (cached != null) ? cached.stream().filter((id) -> !NONE.equals(id)).toList() : List.of();
	}

	public void remember(String userId, List<String> friendIds) {
		String key = PREFIX + userId;
		this.redis.delete(key);
		this.redis.opsForSet().add(key, NONE);
		if (!friendIds.isEmpty()) {
			this.redis.opsForSet().add(key, friendIds.toArray(String[]::new));
		}
		this.redis.expire(key, TTL);
	}

	/** Keeps the lists of users still connected here from expiring. */
	void keep(List<String> userIds) {
		userIds.forEach((userId) -> this.redis.expire(PREFIX + userId, TTL));
	}

	/** Two people became friends: updates the lists of those whose list is known. */
	public void befriended(String a, String b) {
		addIfKnown(a, b);
		addIfKnown(b, a);
	}

	/** Two people are no longer friends. */
	public void unfriended(String a, String b) {
		this.redis.opsForSet().remove(PREFIX + a, b);
		this.redis.opsForSet().remove(PREFIX + b, a);
	}

	private void addIfKnown(String userId, String friendId) {
		if (Boolean.TRUE.equals(this.redis.hasKey(PREFIX + userId))) {
			this.redis.opsForSet().add(PREFIX + userId, friendId);
		}
	}

	record Friends(List<Friend> items) {
	}

	record Friend(Person user) {
	}

	record Person(String id) {
	}

}
