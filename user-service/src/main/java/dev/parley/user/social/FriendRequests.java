package dev.parley.user.social;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.SocialEvents.FriendRequestAccepted;
import dev.parley.platform.events.SocialEvents.FriendRequestCancelled;
import dev.parley.platform.events.SocialEvents.FriendRequestDeclined;
import dev.parley.platform.events.SocialEvents.FriendRequestSent;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.user.profile.AccountCatchUp;
import dev.parley.user.profile.ProfileRepository;
import dev.parley.user.profile.PublicProfile;
import dev.parley.user.profile.Relationship;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Friend requests: only the recipient accepts or declines, only the sender cancels.
 * Asking someone who already asked you accepts their request. Every change is an event.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(FriendProperties.class)
class FriendRequests {

	private final FriendRequestRepository requests;

	private final FriendshipRepository friendships;

	private final BlockRepository blocks;

	private final ProfileRepository profiles;

	private final AccountCatchUp people;

	private final Outbox outbox;

	private final FriendProperties properties;

	FriendRequests(FriendRequestRepository requests, FriendshipRepository friendships, BlockRepository blocks,
			ProfileRepository profiles, AccountCatchUp people, Outbox outbox, FriendProperties properties) {
		this.properties = properties;
		this.requests = requests;
		this.friendships = friendships;
		this.blocks = blocks;
		this.profiles = profiles;
		this.people = people;
		this.outbox = outbox;
	}

	@Transactional
	public RequestView send(UUID me, UUID target) {
		if (me.equals(target)) {
			throw ApiException.badRequest("CANNOT_FRIEND_SELF", "You cannot send yourself a friend request.");
		}
		PublicProfile other = this.people.find(() -> this.profiles.findPublic(me, target))
			.orElseThrow(FriendRequests::userNotFound);
		if (this.blocks.blocks(me, target)) {
			throw ApiException.forbidden("BLOCKED", "You blocked this person. Unblock them first.");
		}
		if (this.friendships.exists(me, target)) {
			throw ApiException.conflict("ALREADY_FRIENDS", "You are already friends.");
		}
		var pending = this.requests.pendingBetween(me, target);
		if (pending.isPresent()) {
			if (pending.get().sender().equals(me)) {
				throw ApiException.conflict("REQUEST_ALREADY_PENDING", "You already asked this person.");
			}
			return accept(me, pending.get().id());
		}
		coolDown(me, target);
		UUID id = UUID.randomUUID();
		try {
			this.requests.insert(id, me, target);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("REQUEST_ALREADY_PENDING", "A request between you is already pending.");
		}
		PublicProfile self = this.profiles.findPublic(target, me).orElseThrow();
		Instant now = Instant.now();
		this.outbox.publish(Topics.SOCIAL_EVENTS, me.toString(), FriendRequestSent.TYPE,
				new FriendRequestSent(id.toString(), self.summary(), other.summary(), now));
		return new RequestView(id.toString(), other.with(Relationship.REQUEST_SENT, id.toString()), "OUTGOING",
				"PENDING", now);
	}

	/**
	 * After a decline, the same request may not come again at once: the person who said
	 * no is not asked again and again (they may still ask, themselves).
	 */
	private void coolDown(UUID me, UUID target) {
		this.requests.lastDeclined(me, target).ifPresent((declined) -> {
			Instant again = declined.plus(this.properties.declineCooldown());
			Instant now = Instant.now();
			if (now.isBefore(again)) {
				throw ApiException.tooManyRequests("REQUEST_COOLDOWN",
						"This person declined your request recently. You can ask again later.",
						java.time.Duration.between(now, again));
			}
		});
	}

	@Transactional
	public RequestView accept(UUID me, UUID requestId) {
		FriendRequestRepository.Request request = pendingRequestTo(me, requestId, "accept");
		this.requests.setStatus(request.id(), "ACCEPTED");
		this.friendships.create(request.sender(), request.recipient());
		PublicProfile sender = this.profiles.findPublic(me, request.sender()).orElseThrow();
		PublicProfile recipient = this.profiles.findPublic(request.sender(), me).orElseThrow();
		this.outbox.publish(Topics.SOCIAL_EVENTS, request.sender().toString(), FriendRequestAccepted.TYPE,
				new FriendRequestAccepted(request.id().toString(), sender.summary(), recipient.summary()));
		return new RequestView(request.id().toString(), sender.with(Relationship.FRIEND, null), "INCOMING", "ACCEPTED",
				Instant.now());
	}

	@Transactional
	public void decline(UUID me, UUID requestId) {
		FriendRequestRepository.Request request = pendingRequestTo(me, requestId, "decline");
		this.requests.setStatus(request.id(), "DECLINED");
		this.outbox.publish(Topics.SOCIAL_EVENTS, request.sender().toString(), FriendRequestDeclined.TYPE,
				new FriendRequestDeclined(request.id().toString(), request.sender().toString(), me.toString()));
	}

	@Transactional
	public void cancel(UUID me, UUID requestId) {
		FriendRequestRepository.Request request = pendingRequestOf(me, requestId);
		if (!request.sender().equals(me)) {
			throw ApiException.forbidden("NOT_SENDER", "Only the sender can cancel a request.");
		}
		cancelled(request);
	}

	/** Withdraws any pending request between the two (a block ends it). */
	public void cancelBetween(UUID a, UUID b) {
		this.requests.pendingBetween(a, b).ifPresent(this::cancelled);
	}

	@Transactional(readOnly = true)
	public List<RequestView> pending(UUID me, boolean incoming) {
		return this.profiles.withPeople(me, this.requests.pending(me, incoming), FriendRequestRepository.Pending::other,
				(row, person) -> new RequestView(row.id().toString(), person, incoming ? "INCOMING" : "OUTGOING",
						"PENDING", row.createdAt()));
	}

	private void cancelled(FriendRequestRepository.Request request) {
		this.requests.setStatus(request.id(), "CANCELLED");
		this.outbox.publish(Topics.SOCIAL_EVENTS, request.sender().toString(), FriendRequestCancelled.TYPE,
				new FriendRequestCancelled(request.id().toString(), request.sender().toString(),
						request.recipient().toString()));
	}

	/** A pending request to me, for me to answer ({@code verb}: accept or decline). */
	private FriendRequestRepository.Request pendingRequestTo(UUID me, UUID requestId, String verb) {
		FriendRequestRepository.Request request = pendingRequestOf(me, requestId);
		if (!request.recipient().equals(me)) {
			throw ApiException.forbidden("NOT_RECIPIENT", "Only the person asked can " + verb + " a request.");
		}
		return request;
	}

	private FriendRequestRepository.Request pendingRequestOf(UUID me, UUID requestId) {
		FriendRequestRepository.Request request = this.requests.findForUpdate(requestId)
			.filter((r) -> r.involves(me))
			.orElseThrow(() -> ApiException.notFound("REQUEST_NOT_FOUND", "There is no such friend request."));
		if (!"PENDING".equals(request.status())) {
			throw new ApiException(HttpStatus.CONFLICT, "REQUEST_NOT_PENDING",
					"This request was already " + request.status().toLowerCase() + ".");
		}
		return request;
	}

	private static ApiException userNotFound() {
		return ApiException.notFound("USER_NOT_FOUND", "There is no such person.");
	}

	/** A request as one of its two people sees it. */
	public record RequestView(String id, PublicProfile user, String direction, String status, Instant createdAt) {
	}

}
