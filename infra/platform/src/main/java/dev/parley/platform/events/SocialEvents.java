package dev.parley.platform.events;

import java.time.Instant;

/**
 * The events of the social graph on {@link Topics#SOCIAL_EVENTS}. signaling-service turns
 * them into live socket frames; message-service keeps its copy of people, friendships and
 * blocks from them.
 */
public final class SocialEvents {

	private SocialEvents() {
	}

	/** {@code friend.request.sent} */
	public record FriendRequestSent(String requestId, UserSummary sender, UserSummary recipient, Instant createdAt) {

		public static final String TYPE = "friend.request.sent";

	}

	/** {@code friend.request.accepted}: the two are now friends. */
	public record FriendRequestAccepted(String requestId, UserSummary sender, UserSummary recipient) {

		public static final String TYPE = "friend.request.accepted";

	}

	/** {@code friend.request.declined} */
	public record FriendRequestDeclined(String requestId, String senderId, String recipientId) {

		public static final String TYPE = "friend.request.declined";

	}

	/**
	 * {@code friend.request.cancelled}: withdrawn by the sender, or removed by a block.
	 */
	public record FriendRequestCancelled(String requestId, String senderId, String recipientId) {

		public static final String TYPE = "friend.request.cancelled";

	}

	/** {@code friendship.removed}: unfriended, or ended by a block. */
	public record FriendshipRemoved(String userId, String otherUserId) {

		public static final String TYPE = "friendship.removed";

	}

	/** {@code user.blocked} */
	public record UserBlocked(String blockerId, String blockedId) {

		public static final String TYPE = "user.blocked";

	}

	/** {@code user.unblocked} */
	public record UserUnblocked(String blockerId, String blockedId) {

		public static final String TYPE = "user.unblocked";

	}

	/** {@code profile.updated} */
	public record ProfileUpdated(UserSummary user, String bio) {

		public static final String TYPE = "profile.updated";

	}

}
