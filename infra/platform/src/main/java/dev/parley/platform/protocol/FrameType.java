package dev.parley.platform.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of socket frame, by its name on the wire ({@code type}), and who sends it.
 * The frames are explained in docs/protocol.md; the browser app's
 * {@code gateway/web/src/socket/protocol.ts} is generated from this list (and checked
 * against it by {@code ProtocolTypeScriptTest}). These names are the socket's, not
 * Kafka's: an event type such as {@code MessageEvents.DELETED} may read the same, but it
 * is another namespace.
 */
public enum FrameType {

	/** Client: authenticate or renew with an access token. */
	AUTH("auth", Sender.CLIENT),

	/** Client: keep-alive; answered with {@link #PONG}. */
	PING("ping", Sender.CLIENT),

	PONG("pong", Sender.SERVER),

	/** Server: the one success answer to a client frame with an id. */
	ACK("ack", Sender.SERVER),

	/** Server: the one failure answer to a client frame (with its id, if it had one). */
	ERROR("error", Sender.SERVER),

	MESSAGE_SEND("message.send", Sender.CLIENT),

	MESSAGE_DELETE("message.delete", Sender.CLIENT),

	READ("read", Sender.CLIENT),

	/**
	 * Both ways: the client says it is typing; the others in the conversation hear it.
	 */
	TYPING("typing", Sender.BOTH),

	MESSAGE_NEW("message.new", Sender.SERVER),

	MESSAGE_DELETED("message.deleted", Sender.SERVER),

	READ_UPDATED("read.updated", Sender.SERVER),

	CONVERSATION_UPDATED("conversation.updated", Sender.SERVER),

	CONVERSATION_REMOVED("conversation.removed", Sender.SERVER),

	CONVERSATION_CLEARED("conversation.cleared", Sender.SERVER),

	PRESENCE("presence", Sender.SERVER),

	FRIEND_REQUEST("friend.request", Sender.SERVER),

	FRIEND_ACCEPTED("friend.accepted", Sender.SERVER),

	FRIEND_REMOVED("friend.removed", Sender.SERVER),

	FRIEND_REQUEST_CANCELLED("friend.request.cancelled", Sender.SERVER),

	FRIEND_REQUEST_DECLINED("friend.request.declined", Sender.SERVER),

	CALL_INVITE("call.invite", Sender.CLIENT),

	CALL_ACCEPT("call.accept", Sender.CLIENT),

	CALL_REJECT("call.reject", Sender.CLIENT),

	CALL_CANCEL("call.cancel", Sender.CLIENT),

	CALL_HANGUP("call.hangup", Sender.CLIENT),

	/** Both ways: one end's microphone and camera state, passed to the other end. */
	CALL_MEDIA("call.media", Sender.BOTH),

	CALL_INCOMING("call.incoming", Sender.SERVER),

	CALL_RINGING("call.ringing", Sender.SERVER),

	CALL_ACCEPTED("call.accepted", Sender.SERVER),

	CALL_REJECTED("call.rejected", Sender.SERVER),

	CALL_CANCELLED("call.cancelled", Sender.SERVER),

	CALL_ENDED("call.ended", Sender.SERVER),

	/** To the callee's other devices: one of them accepted or declined. */
	CALL_ANSWERED_ELSEWHERE("call.answered_elsewhere", Sender.SERVER),

	/** To a user's other devices: they are in a call on another one. */
	CALL_ELSEWHERE("call.elsewhere", Sender.SERVER),

	/** Both ways: relayed to the other end of the call. */
	RTC_OFFER("rtc.offer", Sender.BOTH),

	RTC_ANSWER("rtc.answer", Sender.BOTH),

	RTC_ICE("rtc.ice", Sender.BOTH);

	private static final Map<String, FrameType> BY_WIRE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(FrameType::wire, Function.identity()));

	private final String wire;

	private final Sender sender;

	FrameType(String wire, Sender sender) {
		this.wire = wire;
		this.sender = sender;
	}

	/** The name on the wire, the frame's {@code type}. */
	public String wire() {
		return this.wire;
	}

	public Sender sender() {
		return this.sender;
	}

	/** Whether a client may send frames of this type. */
	public boolean fromClient() {
		return this.sender != Sender.SERVER;
	}

	/** The type with this wire name, if there is one. */
	public static Optional<FrameType> of(String wire) {
		return Optional.ofNullable(BY_WIRE.get(wire));
	}

	@Override
	public String toString() {
		return this.wire;
	}

	/** Who sends frames of a type. */
	public enum Sender {

		CLIENT, SERVER, BOTH

	}

}
