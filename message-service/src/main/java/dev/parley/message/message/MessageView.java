package dev.parley.message.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as clients see it. {@code version} is the place of its latest change in the
 * conversation's order: its {@code seq}, or the delete's number once deleted.
 */
public record MessageView(String id, String conversationId, long seq, long version, String senderId,
		String clientMessageId, String text, List<Attachment> attachments, Instant createdAt, boolean deleted,
		Instant deletedAt) {

	public record Attachment(String id) {
	}

}
