package dev.parley.platform.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of each client frame, by {@link FrameType#clientData()}. The handlers
 * in signaling-service check a frame's data against these shapes field by field (so that
 * a wrong type is named, never coerced) and answer {@code VALIDATION_FAILED} when it does
 * not fit. Ids are UUID strings unless said otherwise.
 */
public final class ClientData {

	private ClientData() {
	}

	/** {@code auth}: the access token, first on a socket or to renew it. */
	public record Auth(String token) {
	}

	/**
	 * {@code message.send}: {@code clientMessageId} is the client's own id (1..64
	 * characters), which makes a resend after a lost answer harmless; {@code replyToId} a
	 * message of the same conversation this one answers.
	 */
	public record MessageSend(String conversationId, String clientMessageId, @Nullable String text,
			@Nullable List<String> attachmentIds, @Nullable String replyToId) {
	}

	/** {@code message.edit}: the sender's new text for their message. */
	public record MessageEdit(String conversationId, String messageId, String text) {
	}

	/**
	 * {@code reaction.add} and {@code reaction.remove}: {@code emoji} is one emoji (see
	 * docs/messaging.md).
	 */
	public record Reaction(String conversationId, String messageId, String emoji) {
	}

	/** {@code message.delete}: {@code scope} is {@code everyone} or {@code me}. */
	public record MessageDelete(String conversationId, String messageId, String scope) {
	}

	/** {@code read}: the user read up to this message. */
	public record Read(String conversationId, String messageId) {
	}

	/** {@code typing}: started ({@code true}) or stopped. */
	public record Typing(String conversationId, boolean active) {
	}

	/**
	 * {@code call.invite}: {@code callId} is the caller's own (8..64 letters, digits,
	 * {@code -} or {@code _}); {@code media} is {@code audio} or {@code video};
	 * {@code calleeId} the other person of a direct conversation, absent in a group
	 * (which starts a group call).
	 */
	public record CallInvite(String callId, String conversationId, @Nullable String calleeId, String media) {
	}

	/**
	 * {@code call.accept}, {@code call.cancel}, {@code call.hangup}, {@code call.join},
	 * {@code call.leave}.
	 */
	public record CallId(String callId) {
	}

	/**
	 * {@code call.reject}: {@code reason} is {@code declined} (the default) or
	 * {@code busy}.
	 */
	public record CallReject(String callId, @Nullable String reason) {
	}

	/**
	 * {@code call.media}: this end's microphone and camera, and whether it shares its
	 * screen; {@code connected: true} once its peer connection is up.
	 */
	public record CallMedia(String callId, boolean audio, boolean video, @Nullable Boolean screen,
			@Nullable Boolean connected) {
	}

	/**
	 * {@code rtc.offer}, {@code rtc.answer}: the session description, passed on as is;
	 * {@code to}: the participant it is for, in a group call.
	 */
	public record RtcDescription(String callId, @Nullable String to, Object sdp) {
	}

	/** {@code rtc.ice}: an ICE candidate, passed on as is ({@code to}: as above). */
	public record RtcIce(String callId, @Nullable String to, Object candidate) {
	}

}
