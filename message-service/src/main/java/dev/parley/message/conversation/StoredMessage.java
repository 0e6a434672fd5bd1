package dev.parley.message.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.media.Attachment;

/**
 * A message row; {@code deletedVersion} is set once it was deleted for everyone;
 * {@code call} only on a call's record (kind {@code call}).
 */
public record StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String text,
		List<Attachment> attachments, Instant createdAt, Long deletedVersion, Instant deletedAt,
		MessageView.Call call) {

	/** A text message (possibly with attachments). */
	public StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String text,
			List<Attachment> attachments, Instant createdAt) {
		this(id, conversationId, seq, senderId, clientMessageId, text, attachments, createdAt, null, null, null);
	}

	public String kind() {
		return (this.call != null) ? "call" : "text";
	}

	public MessageView view() {
		boolean deleted = this.deletedVersion != null;
		return new MessageView(this.id.toString(), this.conversationId.toString(), this.seq,
				deleted ? this.deletedVersion : this.seq, this.senderId.toString(), this.clientMessageId,
				deleted ? "" : this.text, deleted ? List.of() : this.attachments, this.createdAt, deleted,
				this.deletedAt, false, kind(), deleted ? null : this.call, false);
	}

	/** This message as the reader who hid it (with the hide's number) learns of it. */
	public MessageView hiddenView(long hideVersion) {
		return new MessageView(this.id.toString(), this.conversationId.toString(), this.seq, hideVersion,
				this.senderId.toString(), this.clientMessageId, "", List.of(), this.createdAt,
				this.deletedVersion != null, this.deletedAt, true, kind(), null, false);
	}

}
