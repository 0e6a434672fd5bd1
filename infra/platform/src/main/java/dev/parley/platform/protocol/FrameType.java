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
 * against it by {@code ProtocolTest}). These names are the socket's, not Kafka's: an
 * event type such as {@code MessageEvents.DELETED} may read the same, but it is another
 * namespace.
 */
public enum FrameType {

	/** Client: authenticate or renew with an access token. */
	AUTH("auth", ClientData.Auth.class, Acks.Authenticated.class, null),

	/** Client: keep-alive; answered with {@link #PONG}. */
	PING("ping", Void.class, null, null),

	PONG("pong", null, null, Acks.Empty.class),

	/** Server: the one success answer to a client frame with an id. */
	ACK("ack", null, null, Object.class),

	/** Server: the one failure answer to a client frame (with its id, if it had one). */
	ERROR("error", null, null, ServerData.Error.class),

	MESSAGE_SEND("message.send", ClientData.MessageSend.class, Acks.MessageSent.class, null),

	MESSAGE_DELETE("message.delete", ClientData.MessageDelete.class, Acks.MessageDeleted.class, null),

	READ("read", ClientData.Read.class, Acks.Read.class, null),

	/** Client: the sender changes a message's text. */
	MESSAGE_EDIT("message.edit", ClientData.MessageEdit.class, Acks.MessageEdited.class, null),

	/** Client: react to a message with an emoji (again: nothing changes). */
	REACTION_ADD("reaction.add", ClientData.Reaction.class, ServerData.ReactionUpdated.class, null),

	/** Client: take one's reaction back (one never made: nothing changes). */
	REACTION_REMOVE("reaction.remove", ClientData.Reaction.class, ServerData.ReactionUpdated.class, null),

	/**
	 * Both ways: the client says it is typing; the others in the conversation hear it.
	 */
	TYPING("typing", ClientData.Typing.class, Acks.Empty.class, ServerData.Typing.class),

	MESSAGE_NEW("message.new", null, null, ServerData.MessageNew.class),

	MESSAGE_DELETED("message.deleted", null, null, ServerData.MessageDeleted.class),

	/** Server: a message was edited; the whole message, with its {@code editedAt}. */
	MESSAGE_UPDATED("message.updated", null, null, ServerData.MessageUpdated.class),

	/** Server: a message's reactions changed; all of them. */
	REACTION_UPDATED("reaction.updated", null, null, ServerData.ReactionUpdated.class),

	READ_UPDATED("read.updated", null, null, ServerData.ReadUpdated.class),

	CONVERSATION_UPDATED("conversation.updated", null, null, ServerData.ConversationUpdated.class),

	CONVERSATION_REMOVED("conversation.removed", null, null, ServerData.ConversationRemoved.class),

	CONVERSATION_CLEARED("conversation.cleared", null, null, ServerData.ConversationCleared.class),

	/** Server, to the user's own devices: they muted or unmuted a conversation. */
	CONVERSATION_MUTED("conversation.muted", null, null, ServerData.ConversationMuted.class),

	PRESENCE("presence", null, null, ServerData.Presence.class),

	FRIEND_REQUEST("friend.request", null, null, ServerData.FriendRequest.class),

	FRIEND_ACCEPTED("friend.accepted", null, null, ServerData.FriendAccepted.class),

	FRIEND_REMOVED("friend.removed", null, null, ServerData.FriendRemoved.class),

	FRIEND_UPDATED("friend.updated", null, null, ServerData.FriendUpdated.class),

	FRIEND_REQUEST_CANCELLED("friend.request.cancelled", null, null, ServerData.FriendRequestEnded.class),

	FRIEND_REQUEST_DECLINED("friend.request.declined", null, null, ServerData.FriendRequestEnded.class),

	CALL_INVITE("call.invite", ClientData.CallInvite.class, Acks.Call.class, null),

	CALL_ACCEPT("call.accept", ClientData.CallId.class, Acks.Call.class, null),

	CALL_REJECT("call.reject", ClientData.CallReject.class, Acks.Call.class, null),

	CALL_CANCEL("call.cancel", ClientData.CallId.class, Acks.Call.class, null),

	CALL_HANGUP("call.hangup", ClientData.CallId.class, Acks.HungUp.class, null),

	/** Group calls: join one in progress (or accept its ring). */
	CALL_JOIN("call.join", ClientData.CallId.class, Acks.CallJoined.class, null),

	/** Group calls: leave it; the last one to leave ends it. */
	CALL_LEAVE("call.leave", ClientData.CallId.class, Acks.HungUp.class, null),

	/** Both ways: one end's microphone and camera state, passed to the other end. */
	CALL_MEDIA("call.media", ClientData.CallMedia.class, Acks.Call.class, ServerData.CallMedia.class),

	CALL_INCOMING("call.incoming", null, null, ServerData.CallIncoming.class),

	CALL_RINGING("call.ringing", null, null, ServerData.CallId.class),

	CALL_ACCEPTED("call.accepted", null, null, ServerData.CallId.class),

	CALL_REJECTED("call.rejected", null, null, ServerData.CallRejected.class),

	CALL_CANCELLED("call.cancelled", null, null, ServerData.CallCancelled.class),

	CALL_ENDED("call.ended", null, null, ServerData.CallEnded.class),

	/** Group calls: to every member, someone joined. */
	CALL_PARTICIPANT_JOINED("call.participant.joined", null, null, ServerData.CallParticipant.class),

	/** Group calls: to every member, someone left (or dropped for good). */
	CALL_PARTICIPANT_LEFT("call.participant.left", null, null, ServerData.CallParticipant.class),

	/** To the callee's other devices: one of them accepted or declined. */
	CALL_ANSWERED_ELSEWHERE("call.answered_elsewhere", null, null, ServerData.CallId.class),

	/** To a user's other devices: they are in a call on another one. */
	CALL_ELSEWHERE("call.elsewhere", null, null, ServerData.CallElsewhere.class),

	/**
	 * Both ways: relayed to the other end of the call; in a group call to the participant
	 * named by {@code to}.
	 */
	RTC_OFFER("rtc.offer", ClientData.RtcDescription.class, Acks.Call.class, ServerData.RtcDescription.class),

	RTC_ANSWER("rtc.answer", ClientData.RtcDescription.class, Acks.Call.class, ServerData.RtcDescription.class),

	RTC_ICE("rtc.ice", ClientData.RtcIce.class, Acks.Call.class, ServerData.RtcIce.class);

	private static final Map<String, FrameType> BY_WIRE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(FrameType::wire, Function.identity()));

	private final String wire;

	private final Class<?> clientData;

	private final Class<?> ackData;

	private final Class<?> serverData;

	/**
	 * @param clientData the record of its data when a client sends it ({@code Void}:
	 * none), else {@code null}
	 * @param ackData the record of the {@code ack} that answers it, for client frames
	 * @param serverData the record of its data when the server sends it, else
	 * {@code null}
	 */
	FrameType(String wire, Class<?> clientData, Class<?> ackData, Class<?> serverData) {
		this.wire = wire;
		this.clientData = clientData;
		this.ackData = ackData;
		this.serverData = serverData;
	}

	/** The name on the wire, the frame's {@code type}. */
	public String wire() {
		return this.wire;
	}

	public Sender sender() {
		if (this.clientData != null) {
			return (this.serverData != null) ? Sender.BOTH : Sender.CLIENT;
		}
		return Sender.SERVER;
	}

	/** Whether a client may send frames of this type. */
	public boolean fromClient() {
		return this.clientData != null;
	}

	/** Whether the server sends frames of this type. */
	public boolean fromServer() {
		return this.serverData != null;
	}

	/** The record of a client frame's {@code data} ({@code Void}: none), or null. */
	public Class<?> clientData() {
		return this.clientData;
	}

	/** The record of the {@code ack} to a client frame of this type, or null. */
	public Class<?> ackData() {
		return this.ackData;
	}

	/** The record of a server frame's {@code data}, or null. */
	public Class<?> serverData() {
		return this.serverData;
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
