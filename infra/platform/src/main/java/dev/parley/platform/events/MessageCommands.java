package dev.parley.platform.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.parley.platform.media.Attachment;

/**
 * Commands on {@link Topics#MESSAGE_COMMANDS}: what a user asked for over the socket.
 * signaling-service fills in the user from the socket's verified token and the
 * {@link Origin} the answer goes back to; message-service checks and carries them out.
 */
public final class MessageCommands {

	private MessageCommands() {
	}

	/**
	 * The socket frame a command came from: its answer ({@code ack} or {@code error})
	 * goes to that one socket.
	 *
	 * @param userId the user the socket belongs to
	 * @param socketId the socket's id (unique across signaling replicas)
	 * @param frameId the client's frame id, or {@code null} when it wants no answer
	 */
	public record Origin(String userId, String socketId, String frameId) {

	}

	/**
	 * {@code message.send}; {@code attachments} as media-service described them when
	 * signaling-service claimed them for this message with the sender's token;
	 * {@code replyToId} the message it answers, if any.
	 */
	public record SendMessage(String conversationId, String clientMessageId, String text, List<Attachment> attachments,
			@Nullable String replyToId, Origin origin) {

		public static final String TYPE = "message.send";

	}

	/** {@code message.edit}: the sender's new text. */
	public record EditMessage(String conversationId, String messageId, String text, Origin origin) {

		public static final String TYPE = "message.edit";

	}

	/** {@code reaction.add} ({@code add}) or {@code reaction.remove}. */
	public record React(String conversationId, String messageId, String emoji, boolean add, Origin origin) {

		public static final String TYPE = "message.react";

	}

	/** {@code message.delete} with scope {@code everyone} or {@code me}. */
	public record DeleteMessage(String conversationId, String messageId, String scope, Origin origin) {

		public static final String TYPE = "message.delete";

	}

	/** {@code read}: the user read up to this message. */
	public record MarkRead(String conversationId, String messageId, Origin origin) {

		public static final String TYPE = "read";

	}

	/**
	 * {@code call.record}: a call ended; message-service keeps it in the conversation as
	 * a message of kind {@code call} from the caller (once per {@code callId}). Sent by
	 * signaling-service itself, not by a user.
	 *
	 * @param outcome completed, missed, declined, busy, cancelled or failed
	 * @param callerId who placed it (in a group: who started it)
	 * @param calleeId the other person of a one-to-one call; absent in a group call
	 * @param durationSeconds how long the two were connected (in a group: how long it had
	 * two or more people; 0 unless completed)
	 * @param participantIds in a group call, everyone who took part; absent otherwise
	 */
	public record RecordCall(String conversationId, String callId, String callerId, @Nullable String calleeId,
			String media, String outcome, long durationSeconds, @Nullable List<String> participantIds) {

		public static final String TYPE = "call.record";

	}

}
