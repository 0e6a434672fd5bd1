package dev.parley.message.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.media.Attachment;
import dev.parley.platform.protocol.ServerData;

/**
 * A message row; {@code deletedVersion} is set once it was deleted for everyone,
 * {@code changedVersion} once it was edited or reacted to (the latest of those);
 * {@code call} only on a call's record (kind {@code call}); {@code replyToSeq} and
 * {@code replyTo} on a reply (the snippet as read with the row); {@code mentions} the
 * members it names as {@code @username}.
 */
public record StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String text,
		List<Attachment> attachments, Instant createdAt, Long deletedVersion, Instant deletedAt, MessageView.Call call,
		Long replyToSeq, MessageView.ReplyTo replyTo, Instant editedAt, Long changedVersion, List<UUID> mentions) {

	/** A new text message (possibly with attachments, possibly a reply). */
	public StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String text,
			List<Attachment> attachments, Instant createdAt, StoredMessage answered, List<UUID> mentions) {
		this(id, conversationId, seq, senderId, clientMessageId, text, attachments, createdAt, null, null, null,
				(answered != null) ? answered.seq() : null, (answered != null) ? answered.snippet() : null, null, null,
				mentions);
	}

	/** A new call's record. */
	public StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId,
			Instant createdAt, MessageView.Call call) {
		this(id, conversationId, seq, senderId, clientMessageId, "", List.of(), createdAt, null, null, call, null, null,
				null, null, List.of());
	}

	public String kind() {
		return (this.call != null) ? "call" : "text";
	}

	public boolean deleted() {
		return this.deletedVersion != null;
	}

	/** Its place in the change order: its seq, or its latest edit, reaction or delete. */
	public long version() {
		return Math.max(this.seq, Math.max((this.deletedVersion != null) ? this.deletedVersion : 0,
				(this.changedVersion != null) ? this.changedVersion : 0));
	}

	/** This message as a reply quotes it. */
	public MessageView.ReplyTo snippet() {
		boolean deleted = deleted();
		String text = deleted ? "" : this.text;
		return new MessageView.ReplyTo(this.id.toString(), this.senderId.toString(),
				(text.codePointCount(0, text.length()) > MessageView.ReplyTo.MAX_TEXT)
						? text.substring(0, text.offsetByCodePoints(0, MessageView.ReplyTo.MAX_TEXT)) : text,
				deleted ? 0 : this.attachments.size(), kind(), deleted, false);
	}

	/** As clients see it, with the reactions it has (none when deleted). */
	public MessageView view(List<ServerData.Reaction> reactions) {
		boolean deleted = deleted();
		return new MessageView(this.id.toString(), this.conversationId.toString(), this.seq, version(),
				this.senderId.toString(), this.clientMessageId, deleted ? "" : this.text,
				deleted ? List.of() : this.attachments, this.createdAt, deleted, this.deletedAt, false, kind(),
				deleted ? null : this.call, false, this.replyTo, deleted ? null : this.editedAt,
				deleted ? List.of() : reactions, deleted ? List.of() : ids(this.mentions));
	}

	private static List<String> ids(List<UUID> ids) {
		return ids.stream().map(UUID::toString).toList();
	}

	/** This message as the reader who hid it (with the hide's number) learns of it. */
	public MessageView hiddenView(long hideVersion) {
		return new MessageView(this.id.toString(), this.conversationId.toString(), this.seq, hideVersion,
				this.senderId.toString(), this.clientMessageId, "", List.of(), this.createdAt, deleted(),
				this.deletedAt, true, kind(), null, false, null, null, List.of(), List.of());
	}

}
