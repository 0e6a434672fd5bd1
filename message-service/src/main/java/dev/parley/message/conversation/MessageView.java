package dev.parley.message.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.parley.platform.media.Attachment;
import dev.parley.platform.protocol.ServerData;

/**
 * A message as clients see it. {@code version} is the place of its latest change in the
 * conversation's order: its {@code seq}, or the number of its latest edit, reaction or
 * delete. {@code hidden} is true only in a catch-up page ({@code afterSeq}), for a
 * message the reader deleted for themselves (on any device) since the cursor;
 * {@code version} is then the hide's number and the content is left out. {@code kind} is
 * {@code text}, or {@code call} for a call's record (from the caller, with {@code call}
 * set). {@code senderBlocked} is true, and the content left out, for a group message
 * whose sender the reader blocked (shown as a hidden message from a blocked person).
 * {@code replyTo} quotes the message this one answers, as that message is now;
 * {@code editedAt} is when the text last changed; {@code reactions} are in the order each
 * emoji was first used; {@code mentions} are the members the text names as
 * {@code @username}.
 */
public record MessageView(String id, String conversationId, long seq, long version, String senderId,
		String clientMessageId, String text, List<Attachment> attachments, Instant createdAt, boolean deleted,
		Instant deletedAt, boolean hidden, String kind, Call call, boolean senderBlocked, @Nullable ReplyTo replyTo,
		@Nullable Instant editedAt, List<ServerData.Reaction> reactions, List<String> mentions) {

	/**
	 * This message as a reader who blocked these people sees it in a group: from one of
	 * them, without its content; quoting one of them, without the quote's; and without
	 * their reactions.
	 */
	public MessageView forReader(Set<UUID> blocked) {
		if (blocked.isEmpty()) {
			return this;
		}
		List<ServerData.Reaction> reactions = reactionsFor(this.reactions, blocked);
		if (blocked.contains(UUID.fromString(this.senderId))) {
			return new MessageView(this.id, this.conversationId, this.seq, this.version, this.senderId,
					this.clientMessageId, "", List.of(), this.createdAt, this.deleted, this.deletedAt, this.hidden,
					this.kind, null, true, null, this.editedAt, reactions, List.of());
		}
		boolean quotesBlocked = this.replyTo != null && blocked.contains(UUID.fromString(this.replyTo.senderId()));
		if (quotesBlocked || reactions != this.reactions) {
			return new MessageView(this.id, this.conversationId, this.seq, this.version, this.senderId,
					this.clientMessageId, this.text, this.attachments, this.createdAt, this.deleted, this.deletedAt,
					this.hidden, this.kind, this.call, false,
					quotesBlocked ? this.replyTo.fromBlockedSender() : this.replyTo, this.editedAt, reactions,
					this.mentions);
		}
		return this;
	}

	/**
	 * The reactions without those of people the reader blocked (the same list when there
	 * are none of theirs).
	 */
	public static List<ServerData.Reaction> reactionsFor(List<ServerData.Reaction> reactions, Set<UUID> blocked) {
		if (blocked.isEmpty() || reactions.stream()
			.flatMap((r) -> r.userIds().stream())
			.noneMatch((user) -> blocked.contains(UUID.fromString(user)))) {
			return reactions;
		}
		return reactions.stream().map((r) -> {
			List<String> kept = r.userIds()
				.stream()
				.filter((user) -> !blocked.contains(UUID.fromString(user)))
				.toList();
			return new ServerData.Reaction(r.emoji(), kept.size(), kept);
		}).filter((r) -> r.count() > 0).toList();
	}

	/**
	 * A call's record.
	 *
	 * @param media audio or video
	 * @param outcome completed, missed, declined, busy, cancelled or failed
	 * @param durationSeconds how long the two were connected (in a group: how long the
	 * call had two or more people)
	 * @param participantIds in a group call, everyone who took part (absent in a
	 * one-to-one call)
	 */
	public record Call(String media, String outcome, long durationSeconds,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<UUID> participantIds) {
	}

	/**
	 * The message a reply answers, as it is now: the first {@value #MAX_TEXT} characters
	 * of its text, how many files it has, and whether it was deleted for everyone (then
	 * without text) or is from someone the reader blocked (then without text either).
	 */
	public record ReplyTo(String id, String senderId, String text, int attachmentCount, String kind, boolean deleted,
			boolean senderBlocked) {

		public static final int MAX_TEXT = 200;

		ReplyTo fromBlockedSender() {
			return new ReplyTo(this.id, this.senderId, "", 0, this.kind, this.deleted, true);
		}

	}

}
