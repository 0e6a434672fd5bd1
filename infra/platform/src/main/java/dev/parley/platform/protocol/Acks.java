package dev.parley.platform.protocol;

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

	/** {@code call.hangup} of an active call: how long the two were connected. */
	public record HungUp(String callId, long durationSeconds) {
	}

}
