package dev.parley.message.social;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.ReceivedEvent;
import dev.parley.platform.events.SocialEvents.FriendRequestAccepted;
import dev.parley.platform.events.SocialEvents.FriendRequestSent;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.SocialEvents.ProfileUpdated;
import dev.parley.platform.events.SocialEvents.UserBlocked;
import dev.parley.platform.events.SocialEvents.UserUnblocked;
import dev.parley.platform.events.Topics;
import dev.parley.platform.events.UserSummary;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@link SocialGraph} up to date from user-service's and auth-service's events.
 * Applying an event twice changes nothing.
 */
@Component
class SocialEventsListener {

	private final SocialGraph graph;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	SocialEventsListener(SocialGraph graph, JsonMapper json, ApplicationEventPublisher events) {
		this.events = events;
		this.graph = graph;
		this.json = json;
	}

	@KafkaListener(topics = { Topics.SOCIAL_EVENTS, Topics.ACCOUNT_EVENTS })
	@Transactional
	void on(String payload) {
		ReceivedEvent event = ReceivedEvent.parse(this.json, payload);
		Instant at = event.occurredAt();
		switch (event.type()) {
			case AccountRegistered.TYPE -> {
				AccountRegistered account = event.data(this.json, AccountRegistered.class);
				this.graph
					.savePerson(new UserSummary(account.userId(), account.username(), account.displayName(), null), at);
			}
			case FriendRequestSent.TYPE -> {
				FriendRequestSent sent = event.data(this.json, FriendRequestSent.class);
				this.graph.savePerson(sent.sender(), at);
				this.graph.savePerson(sent.recipient(), at);
			}
			case FriendRequestAccepted.TYPE -> {
				FriendRequestAccepted accepted = event.data(this.json, FriendRequestAccepted.class);
				this.graph.savePerson(accepted.sender(), at);
				this.graph.savePerson(accepted.recipient(), at);
				changed(id(accepted.sender().id()), id(accepted.recipient().id()),
						this.graph.setFriends(id(accepted.sender().id()), id(accepted.recipient().id()), true, at));
			}
			case FriendshipRemoved.TYPE -> {
				FriendshipRemoved removed = event.data(this.json, FriendshipRemoved.class);
				changed(id(removed.userId()), id(removed.otherUserId()),
						this.graph.setFriends(id(removed.userId()), id(removed.otherUserId()), false, at));
			}
			case UserBlocked.TYPE -> {
				UserBlocked blocked = event.data(this.json, UserBlocked.class);
				changed(id(blocked.blockerId()), id(blocked.blockedId()),
						this.graph.setBlocked(id(blocked.blockerId()), id(blocked.blockedId()), true, at));
			}
			case UserUnblocked.TYPE -> {
				UserUnblocked unblocked = event.data(this.json, UserUnblocked.class);
				changed(id(unblocked.blockerId()), id(unblocked.blockedId()),
						this.graph.setBlocked(id(unblocked.blockerId()), id(unblocked.blockedId()), false, at));
			}
			case ProfileUpdated.TYPE -> this.graph.savePerson(event.data(this.json, ProfileUpdated.class).user(), at);
			default -> {
				// Other events (declined, cancelled requests) change nothing here.
			}
		}
	}

	private void changed(UUID a, UUID b, boolean applied) {
		if (applied) {
			this.events.publishEvent(new PairChanged(a, b));
		}
	}

	private static UUID id(String value) {
		return UUID.fromString(value);
	}

}
