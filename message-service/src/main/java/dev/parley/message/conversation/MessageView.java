package dev.parley.message.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.parley.platform.media.Attachment;

/**
 * A message as clients see it. {@code version} is the place of its latest change in the
 * conversation's order: its {@code seq}, or the delete's number once deleted.
 * {@code hidden} is true only in a catch-up page ({@code afterSeq}), for a message the
 * reader deleted for themselves (on any device) since the cursor; {@code version} is then
 * the hide's number and the content is left out. {@code kind} is {@code text}, or
 * {@code call} for a call's record (from the caller, with {@code call} set).
 * {@code senderBlocked} is true, and the content left out, for a group message whose
 * sender the reader blocked (shown as a hidden message from a blocked person).
 */
public record MessageView(String id, String conversationId, long seq, long version, String senderId,
		String clientMessageId, String text, List<Attachment> attachments, Instant createdAt, boolean deleted,
		Instant deletedAt, boolean hidden, String kind, Call call, boolean senderBlocked) {

	/** This message, as a reader who blocked its sender sees it in a group. */
	public MessageView fromBlockedSender() {
		return new MessageView(this.id, this.conversationId, this.seq, this.version, this.senderId,
				this.clientMessageId, "", List.of(), this.createdAt, this.deleted, this.deletedAt, this.hidden,
				this.kind, null, true);
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

}
