package dev.parley.platform.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of the {@code ack} that answers a client frame, by
 * {@link FrameType#ackData()}.
 */
public final class Acks {

	private Acks() {
	}

	/** {@code auth}: whose socket this is, and when it closes unless renewed (4001). */
	public record Authenticated(String userId, @Nullable String expiresAt) {
	}

	/** {@code message.send}: the stored message. */
	public record MessageSent(String clientMessageId, String messageId, String conversationId, long seq,
			String createdAt) {
	}

	/**
	 * {@code message.edit}: the edit's place in the conversation's change order, and its
	 * time (the same text again changes nothing: then the message's, and its last edit's
	 * time if it had one).
	 */
	public record MessageEdited(String conversationId, String messageId, long version, @Nullable String editedAt) {
	}

	/** {@code message.delete}. */
	public record MessageDeleted(String conversationId, String messageId) {
	}

	/** {@code read}: the reader's position now. */
	public record Read(String conversationId, String messageId, long seq) {
	}

	/** {@code typing}: nothing. */
	public record Empty() {
	}

	/** {@code call.*}, {@code rtc.*}: the call. */
	public record Call(String callId) {
	}

	/**
	 * {@code call.join}: the group call, with who is in it now (oneself included); the
	 * one who joins makes an offer to each of the others.
	 */
	public record CallJoined(String callId, String conversationId, String media, List<String> participants) {
	}

	/**
	 * {@code call.hangup} of an active call, {@code call.leave}: how long the call has
	 * had (or had) two people connected.
	 */
	public record HungUp(String callId, long durationSeconds) {
	}

}
