package dev.parley.user.social;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.user.profile.ProfileRepository;
import dev.parley.user.profile.PublicProfile;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/friends")
class FriendController {

	private final FriendshipRepository friendships;

	private final ProfileRepository profiles;

	private final Outbox outbox;

	private final PresenceClient presence;

	FriendController(FriendshipRepository friendships, ProfileRepository profiles, Outbox outbox,
			PresenceClient presence) {
		this.friendships = friendships;
		this.profiles = profiles;
		this.outbox = outbox;
		this.presence = presence;
	}

	/**
	 * The caller's friends by name, each with their presence ({@code null} when
	 * signaling-service cannot say; {@code presence=false} leaves it out, as
	 * signaling-service itself asks).
	 */
	@GetMapping
	Items friends(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "true") boolean presence) {
		UUID me = UUID.fromString(jwt.getSubject());
		List<FriendView> friends = this.profiles
			.withPeople(me, this.friendships.friendsOf(me), FriendshipRepository.Friend::id,
					(f, person) -> new FriendView(person, f.since(), null))
			.stream()
			.sorted(Comparator.comparing((FriendView f) -> f.user().displayName(), String.CASE_INSENSITIVE_ORDER))
			.toList();
		if (!presence) {
			return new Items(friends);
		}
		Map<String, PresenceClient.Presence> online = this.presence
			.of(friends.stream().map((f) -> f.user().id()).toList(), jwt.getTokenValue());
		return new Items(
				friends.stream().map((f) -> new FriendView(f.user(), f.since(), online.get(f.user().id()))).toList());
	}

	@DeleteMapping("/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void unfriend(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID userId) {
		UUID me = UUID.fromString(jwt.getSubject());
		if (!this.friendships.remove(me, userId)) {
			throw ApiException.notFound("NOT_FRIENDS", "You are not friends with this person.");
		}
		this.outbox.publish(Topics.SOCIAL_EVENTS, me.toString(), FriendshipRemoved.TYPE,
				new FriendshipRemoved(me.toString(), userId.toString()));
	}

	record FriendView(PublicProfile user, Instant since, PresenceClient.Presence presence) {
	}

	record Items(List<FriendView> items) {
	}

}
