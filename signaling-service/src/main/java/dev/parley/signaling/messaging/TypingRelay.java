package dev.parley.signaling.messaging;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.Acks;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.socket.ClientSocket;
import dev.parley.signaling.socket.Frame;
import dev.parley.signaling.socket.FrameHandler;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * {@code typing}: relayed straight to the conversation's other members (nothing is
 * stored). Receivers drop an indicator that is not renewed within
 * {@link #EXPIRES_AFTER_SECONDS}; senders renew every few seconds while typing.
 */
@Component
class TypingRelay implements FrameHandler {

	static final int EXPIRES_AFTER_SECONDS = 6;

	private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);

	private final ConversationMembers members;

	private final Broker broker;

	private final JsonMapper json;

	TypingRelay(ConversationMembers members, Broker broker, JsonMapper json) {
		this.members = members;
		this.broker = broker;
		this.json = json;
	}

	@Override
	public Set<FrameType> types() {
		return Set.of(FrameType.TYPING);
	}

	@Override
	public void handle(ClientSocket socket, Frame.Inbound frame) {
		String conversationId = frame.text("conversationId");
		JsonNode active = (frame.data() != null) ? frame.data().get("active") : null;
		if (!Frame.isUuid(conversationId) || active == null || !active.isBoolean()) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					"typing needs data {conversationId, active}."));
			return;
		}
		List<String> audience;
		try {
			audience = this.members.audienceOf(socket, conversationId);
		}
		catch (ConversationMembers.Refused ex) {
			socket.send(Frame.error(frame.id(), ex.code(), ex.getMessage()));
			return;
		}
		catch (RestClientException ex) {
			log.warn("Could not look up the members of a conversation: {}", ex.getMessage());
			socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE, "Typing is unavailable right now."));
			return;
		}
		String typing = this.json.writeValueAsString(Frame.event(FrameType.TYPING,
				new ServerData.Typing(conversationId, socket.userId(), active.asBoolean(), EXPIRES_AFTER_SECONDS)));
		this.broker.publish(audience, typing);
		if (frame.id() != null) {
			socket.send(Frame.ack(frame.id(), new Acks.Empty()));
		}
	}

}
