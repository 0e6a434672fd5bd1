package dev.parley.message.conversation;

import java.time.Instant;
import java.util.List;

import dev.parley.platform.events.UserSummary;

/**
 * A conversation as one member sees it.
 *
 * @param peer the other person of a direct conversation ({@code null} for a group)
 * @param newMembersSeeHistory for a group, whether people added later see what was said
 * before ({@code null} for a direct conversation)
 * @param myRole the caller's role
 * @param lastMessage the newest message the caller can see, or {@code null}
 * @param unreadCount others' messages after the caller's read position (at most 999)
 * @param unreadMentions how many of those mention the caller
 * @param mutedUntil until when the caller muted it ({@code null}: not muted)
 */
record ConversationView(String id, String kind, String title, Instant createdAt, Instant lastActivityAt, long lastSeq,
		List<MemberView> members, UserSummary peer, Boolean newMembersSeeHistory, String myRole,
		MessageView lastMessage, int unreadCount, int unreadMentions, Instant mutedUntil) {

	public record MemberView(UserSummary user, String role, Instant joinedAt, long lastReadSeq) {
	}

	/**
	 * What all members share, sent in {@code conversation.updated} frames ({@code peer}
	 * is filled per recipient for a direct conversation).
	 */
	public record Shared(String id, String kind, String title, Instant createdAt, Instant lastActivityAt, long lastSeq,
			List<MemberView> members, UserSummary peer, Boolean newMembersSeeHistory) {
	}

}
