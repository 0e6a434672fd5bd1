package dev.parley.platform.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of each server frame, by {@link FrameType#serverData()}. A frame
 * carrying one of the REST API's resources (a message, a conversation, a person) takes
 * its type as a parameter, so that the resource is described once, where the REST API
 * answers with it.
 */
public final class ServerData {

	private ServerData() {
	}

	/**
	 * {@code error}: {@code retryable} is the {@link ErrorCode}'s; {@code retryAfterMs}
	 * says when to try again, for some retryable errors.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Error(String code, String message, boolean retryable, @Nullable Long retryAfterMs) {

		public static Error of(ErrorCode code, String message, @Nullable Long retryAfterMs) {
			return new Error(code.name(), message, code.retryable(), retryAfterMs);
		}

	}

	/** {@code message.new}: the message as the REST API's history shows it. */
	public record MessageNew<M>(M message) {
	}

	/**
	 * {@code message.updated}: the message after an edit, as the REST API's history shows
	 * it.
	 */
	public record MessageUpdated<M>(M message) {
	}

	/**
	 * {@code reaction.updated} (and the answer to {@code reaction.add} and
	 * {@code reaction.remove}): every reaction the message has now; {@code version} is
	 * the message's place in the conversation's change order.
	 */
	public record ReactionUpdated(String conversationId, String messageId, long version, List<Reaction> reactions) {
	}

	/**
	 * One emoji on a message: how many reacted with it, and who (in the order they did).
	 */
	public record Reaction(String emoji, int count, List<String> userIds) {
	}

	/**
	 * {@code message.deleted}: {@code scope} {@code everyone} or {@code me};
	 * {@code version} is the conversation's change number.
	 */
	public record MessageDeleted(String conversationId, String messageId, String scope, long version) {
	}

	/** {@code read.updated}: {@code userId} read up to {@code messageId}. */
	public record ReadUpdated(String conversationId, String userId, String messageId, long seq) {
	}

	/**
	 * {@code conversation.updated}: the conversation, without the receiver's own fields.
	 */
	public record ConversationUpdated<C>(C conversation) {
	}

	/** {@code conversation.removed}: the receiver left or was removed. */
	public record ConversationRemoved(String conversationId) {
	}

	/**
	 * {@code conversation.cleared}: the receiver cleared the history up to {@code seq}.
	 */
	public record ConversationCleared(String conversationId, long seq) {
	}

	/**
	 * {@code conversation.muted}: until when the user muted it ({@code null}: not muted).
	 */
	public record ConversationMuted(String conversationId, @Nullable String mutedUntil) {
	}

	/** {@code typing}: shown for {@code expiresInSeconds} unless renewed. */
	public record Typing(String conversationId, String userId, boolean active, int expiresInSeconds) {
	}

	/** {@code presence}: {@code lastSeenAt} (ISO-8601) when offline and known. */
	public record Presence(String userId, boolean online, @Nullable String lastSeenAt) {
	}

	/** {@code friend.request}: a new incoming request. */
	public record FriendRequest<U>(IncomingRequest<U> request) {
	}

	/** A request as the REST API lists it, always incoming and pending here. */
	public record IncomingRequest<U>(String id, U user, String direction, String status, String createdAt) {
	}

	/** {@code friend.accepted}: the new friend. */
	public record FriendAccepted<U>(U friend) {
	}

	/**
	 * {@code friend.updated}: a friend (or oneself, on one's other devices) changed their
	 * name or profile photo.
	 */
	public record FriendUpdated<U>(U user) {
	}

	/** {@code friend.removed}: the other person. */
	public record FriendRemoved(String userId) {
	}

	/** {@code friend.request.cancelled}, {@code friend.request.declined}. */
	public record FriendRequestEnded(String requestId) {
	}

	/**
	 * {@code call.incoming}: {@code media} is {@code audio} or {@code video}; in a group
	 * call ({@code group}) {@code participants} are those in it so far.
	 */
	public record CallIncoming(String callId, String conversationId, Caller caller, String media, boolean group,
			List<String> participants) {
	}

	public record Caller(String id) {
	}

	/**
	 * {@code call.ringing}, {@code call.accepted}, {@code call.answered_elsewhere}: the
	 * call.
	 */
	public record CallId(String callId) {
	}

	/** {@code call.rejected}: {@code declined}, {@code busy} or {@code unavailable}. */
	public record CallRejected(String callId, String reason) {
	}

	/**
	 * {@code call.cancelled}: {@code reason} {@code missed} when nobody answered in time.
	 */
	public record CallCancelled(String callId, @Nullable String reason) {
	}

	/** {@code call.ended}: {@code outcome} completed or failed. */
	public record CallEnded(String callId, String outcome, long durationSeconds) {
	}

	/**
	 * {@code call.elsewhere}: the user's call with {@code with} is {@code ringing},
	 * {@code active} or {@code ended} on another of their devices.
	 */
	public record CallElsewhere(String callId, String conversationId, String with, String state) {
	}

	/**
	 * {@code call.media}: the other end's (or, in a group call, participant's)
	 * microphone, camera and screen sharing.
	 */
	public record CallMedia(String callId, String from, boolean audio, boolean video, boolean screen) {
	}

	/**
	 * {@code call.participant.joined}, {@code call.participant.left}: in the group call
	 * of the conversation.
	 */
	public record CallParticipant(String callId, String conversationId, String userId) {
	}

	/** {@code rtc.offer}, {@code rtc.answer} from the other end. */
	public record RtcDescription(String callId, String from, Object sdp) {
	}

	/** {@code rtc.ice} from the other end. */
	public record RtcIce(String callId, String from, Object candidate) {
	}

}
