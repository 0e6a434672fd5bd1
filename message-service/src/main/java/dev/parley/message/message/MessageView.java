package dev.parley.message.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as clients see it. {@code version} is the place of its latest change in the
 * conversation's order: its {@code seq}, or the delete's number once deleted.
 * {@code hidden} is true only in a catch-up page ({@code afterSeq}), for a message the
 * reader deleted for themselves (on any device) since the cursor; {@code version} is then
 * the hide's number and the content is left out.
 */
public record MessageView(String id, String conversationId, long seq, long version, String senderId,
		String clientMessageId, String text, List<Attachment> attachments, Instant createdAt, boolean deleted,
		Instant deletedAt, boolean hidden) {

	public record Attachment(String id) {
	}

}
