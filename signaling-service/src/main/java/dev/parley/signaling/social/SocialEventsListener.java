package dev.parley.signaling.social;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.ReceivedEvent;
import dev.parley.platform.events.SocialEvents.FriendRequestAccepted;
import dev.parley.platform.events.SocialEvents.FriendRequestCancelled;
import dev.parley.platform.events.SocialEvents.FriendRequestDeclined;
import dev.parley.platform.events.SocialEvents.FriendRequestSent;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.SocialEvents.ProfileUpdated;
import dev.parley.platform.events.Topics;
import dev.parley.platform.events.UserSummary;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.presence.FriendDirectory;
import dev.parley.signaling.presence.Presence;
import dev.parley.signaling.socket.Frame;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns social-graph events into live frames for the people concerned, on whichever node
 * holds their sockets. One replica consumes each event (one consumer group).
 */
@Component
class SocialEventsListener {

	private final Broker broker;

	private final JsonMapper json;

	private final FriendDirectory friends;

	private final Presence presence;

	SocialEventsListener(Broker broker, JsonMapper json, FriendDirectory friends, Presence presence) {
		this.broker = broker;
		this.json = json;
		this.friends = friends;
		this.presence = presence;
	}

	@KafkaListener(topics = Topics.SOCIAL_EVENTS)
	void on(String payload) {
		// Unreadable events throw: the platform moves them to the dead-letter topic.
		ReceivedEvent event = ReceivedEvent.parse(this.json, payload);
		switch (event.type()) {
			case FriendRequestSent.TYPE -> {
				FriendRequestSent sent = event.data(this.json, FriendRequestSent.class);
				send(sent.recipient().id(), FrameType.FRIEND_REQUEST,
						new ServerData.FriendRequest<>(new ServerData.IncomingRequest<>(sent.requestId(), sent.sender(),
								"INCOMING", "PENDING", sent.createdAt().toString())));
			}
			case FriendRequestAccepted.TYPE -> {
				FriendRequestAccepted accepted = event.data(this.json, FriendRequestAccepted.class);
				send(accepted.sender().id(), FrameType.FRIEND_ACCEPTED,
						new ServerData.FriendAccepted<>(accepted.recipient()));
				send(accepted.recipient().id(), FrameType.FRIEND_ACCEPTED,
						new ServerData.FriendAccepted<>(accepted.sender()));
				this.friends.befriended(accepted.sender().id(), accepted.recipient().id());
				this.presence.introduce(accepted.sender().id(), accepted.recipient().id());
			}
			case FriendRequestDeclined.TYPE -> {
				FriendRequestDeclined declined = event.data(this.json, FriendRequestDeclined.class);
				send(declined.senderId(), FrameType.FRIEND_REQUEST_DECLINED,
						new ServerData.FriendRequestEnded(declined.requestId()));
			}
			case FriendRequestCancelled.TYPE -> {
				FriendRequestCancelled cancelled = event.data(this.json, FriendRequestCancelled.class);
				send(cancelled.recipientId(), FrameType.FRIEND_REQUEST_CANCELLED,
						new ServerData.FriendRequestEnded(cancelled.requestId()));
			}
			case FriendshipRemoved.TYPE -> {
				FriendshipRemoved removed = event.data(this.json, FriendshipRemoved.class);
				send(removed.userId(), FrameType.FRIEND_REMOVED, new ServerData.FriendRemoved(removed.otherUserId()));
				send(removed.otherUserId(), FrameType.FRIEND_REMOVED, new ServerData.FriendRemoved(removed.userId()));
				this.friends.unfriended(removed.userId(), removed.otherUserId());
			}
			case ProfileUpdated.TYPE -> {
				// To the friends known here (every friend with a socket open learned the
				// list when it connected) and to the person's own other devices.
				ProfileUpdated updated = event.data(this.json, ProfileUpdated.class);
				String who = updated.user().id();
				ServerData.FriendUpdated<UserSummary> frame = new ServerData.FriendUpdated<>(updated.user());
				send(who, FrameType.FRIEND_UPDATED, frame);
				this.friends.knownFriendsOf(who).forEach((friend) -> send(friend, FrameType.FRIEND_UPDATED, frame));
			}
			default -> {
				// Blocks need no frame.
			}
		}
	}

	private void send(String userId, FrameType type, Object data) {
		this.broker.publish(userId, this.json.writeValueAsString(Frame.event(type, data)));
	}

}
