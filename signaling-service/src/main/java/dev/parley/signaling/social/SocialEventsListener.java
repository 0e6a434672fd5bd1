package dev.parley.signaling.social;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.SocialEvents.FriendRequestAccepted;
import dev.parley.platform.events.SocialEvents.FriendRequestCancelled;
import dev.parley.platform.events.SocialEvents.FriendRequestDeclined;
import dev.parley.platform.events.SocialEvents.FriendRequestSent;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.Topics;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.socket.Frame;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns social-graph events into live frames for the people concerned, on whichever node
 * holds their sockets. One replica consumes each event (one consumer group).
 */
@Component
class SocialEventsListener {

	private static final Logger log = LoggerFactory.getLogger(SocialEventsListener.class);

	private final Broker broker;

	private final JsonMapper json;

	SocialEventsListener(Broker broker, JsonMapper json) {
		this.broker = broker;
		this.json = json;
	}

	@KafkaListener(topics = Topics.SOCIAL_EVENTS)
	void on(String payload) {
		JsonNode event;
		try {
			event = this.json.readTree(payload);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping an unreadable social event");
			return;
		}
		JsonNode data = event.path("data");
		switch (event.path("type").asString()) {
			case FriendRequestSent.TYPE -> {
				FriendRequestSent sent = this.json.treeToValue(data, FriendRequestSent.class);
				send(sent.recipient().id(), "friend.request", Map.of("request", Map.of("id", sent.requestId(), "user",
						sent.sender(), "direction", "INCOMING", "status", "PENDING", "createdAt", sent.createdAt())));
			}
			case FriendRequestAccepted.TYPE -> {
				FriendRequestAccepted accepted = this.json.treeToValue(data, FriendRequestAccepted.class);
				send(accepted.sender().id(), "friend.accepted", Map.of("friend", accepted.recipient()));
				send(accepted.recipient().id(), "friend.accepted", Map.of("friend", accepted.sender()));
			}
			case FriendRequestDeclined.TYPE -> {
				FriendRequestDeclined declined = this.json.treeToValue(data, FriendRequestDeclined.class);
				send(declined.senderId(), "friend.request.declined", Map.of("requestId", declined.requestId()));
			}
			case FriendRequestCancelled.TYPE -> {
				FriendRequestCancelled cancelled = this.json.treeToValue(data, FriendRequestCancelled.class);
				send(cancelled.recipientId(), "friend.request.cancelled", Map.of("requestId", cancelled.requestId()));
			}
			case FriendshipRemoved.TYPE -> {
				FriendshipRemoved removed = this.json.treeToValue(data, FriendshipRemoved.class);
				send(removed.userId(), "friend.removed", Map.of("userId", removed.otherUserId()));
				send(removed.otherUserId(), "friend.removed", Map.of("userId", removed.userId()));
			}
			default -> {
				// Blocks and profile changes need no frame yet.
			}
		}
	}

	private void send(String userId, String type, Object data) {
		this.broker.publish(userId, this.json.writeValueAsString(Frame.event(type, data)));
	}

}
