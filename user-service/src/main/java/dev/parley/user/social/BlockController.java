package dev.parley.user.social;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.SocialEvents.UserBlocked;
import dev.parley.platform.events.SocialEvents.UserUnblocked;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.user.profile.AccountCatchUp;
import dev.parley.user.profile.ProfileRepository;
import dev.parley.user.profile.PublicProfile;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Blocking ends the friendship and any pending request both ways, and hides the two from
 * each other's search.
 */
@RestController
@RequestMapping("/api/blocks")
class BlockController {

	private final BlockRepository blocks;

	private final FriendshipRepository friendships;

	private final FriendRequests requests;

	private final ProfileRepository profiles;

	private final AccountCatchUp people;

	private final Outbox outbox;

	BlockController(BlockRepository blocks, FriendshipRepository friendships, FriendRequests requests,
			ProfileRepository profiles, AccountCatchUp people, Outbox outbox) {
		this.blocks = blocks;
		this.friendships = friendships;
		this.requests = requests;
		this.profiles = profiles;
		this.people = people;
		this.outbox = outbox;
	}

	@GetMapping
	@Transactional(readOnly = true)
	Items blocked(@AuthenticationPrincipal Jwt jwt) {
		UUID me = UUID.fromString(jwt.getSubject());
		return new Items(this.profiles.withPeople(me, this.blocks.blockedBy(me), BlockRepository.Blocked::id,
				(b, person) -> new BlockView(person, b.since())));
	}

	@PutMapping("/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void block(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID userId) {
		UUID me = UUID.fromString(jwt.getSubject());
		if (me.equals(userId)) {
			throw ApiException.badRequest("CANNOT_BLOCK_SELF", "You cannot block yourself.");
		}
		if (this.people.find(() -> Optional.of(userId).filter(this.profiles::exists)).isEmpty()) {
			throw ApiException.notFound("USER_NOT_FOUND", "There is no such person.");
		}
		if (!this.blocks.add(me, userId)) {
			return;
		}
		if (this.friendships.remove(me, userId)) {
			this.outbox.publish(Topics.SOCIAL_EVENTS, me.toString(), FriendshipRemoved.TYPE,
					new FriendshipRemoved(me.toString(), userId.toString()));
		}
		this.requests.cancelBetween(me, userId);
		this.outbox.publish(Topics.SOCIAL_EVENTS, me.toString(), UserBlocked.TYPE,
				new UserBlocked(me.toString(), userId.toString()));
	}

	@DeleteMapping("/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void unblock(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID userId) {
		UUID me = UUID.fromString(jwt.getSubject());
		if (this.blocks.remove(me, userId)) {
			this.outbox.publish(Topics.SOCIAL_EVENTS, me.toString(), UserUnblocked.TYPE,
					new UserUnblocked(me.toString(), userId.toString()));
		}
	}

	record BlockView(PublicProfile user, Instant since) {
	}

	record Items(List<BlockView> items) {
	}

}
