package dev.parley.signaling.presence;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.parley.platform.error.ApiException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/presence?userIds=}: the presence of the caller's friends among the
 * given users (others are left out: only friends see each other's presence). user-service
 * asks it, with the caller's token, to add presence to {@code GET /api/friends}.
 */
@RestController
class PresenceController {

	private static final int MAX_USERS = 1000;

	private final PresenceRegistry registry;

	private final FriendDirectory friends;

	PresenceController(PresenceRegistry registry, FriendDirectory friends) {
		this.registry = registry;
		this.friends = friends;
	}

	/** Off the event loop: it asks user-service and Redis. */
	@GetMapping("/api/presence")
	Mono<Items> presence(@AuthenticationPrincipal Jwt jwt, @RequestParam List<String> userIds) {
		if (userIds.size() > MAX_USERS) {
			throw ApiException.invalid("userIds", "Ask for at most " + MAX_USERS + " users.");
		}
		return Mono.fromCallable(() -> {
			Set<String> mine = new HashSet<>(this.friends.friendsOf(jwt.getSubject(), jwt.getTokenValue()));
			return new Items(this.registry.status(userIds.stream().filter(mine::contains).distinct().toList()));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	record Items(List<PresenceRegistry.Status> items) {
	}

}
