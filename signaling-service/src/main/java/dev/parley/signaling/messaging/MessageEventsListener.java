package dev.parley.signaling.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.ReceivedEvent;
import dev.parley.platform.events.TimedCommits;
import dev.parley.platform.events.Topics;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.socket.Frame;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Carries out message events: answers the frame that caused one, then pushes each of its
 * frames to every socket of its users, on whichever replica holds them (one replica
 * consumes each event; the broker reaches the others). A poll's events go to the broker
 * together, in order, in one round trip.
 */
@Component
class MessageEventsListener {

	private final Broker broker;

	private final ConversationMembers members;

	private final JsonMapper json;

	MessageEventsListener(Broker broker, ConversationMembers members, JsonMapper json) {
		this.broker = broker;
		this.members = members;
		this.json = json;
	}

	@KafkaListener(topics = Topics.MESSAGE_EVENTS, batch = "true", containerPostProcessor = TimedCommits.BEAN)
	void on(List<ConsumerRecord<String, String>> records) {
		List<Broker.Delivery> out = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			try {
				collect(records.get(i).value(), records.get(i).key(), out);
			}
			catch (RuntimeException ex) {
				// Deliver what came before it; the platform retries this one, then
				// dead-letters it.
				this.broker.publish(out);
				throw new BatchListenerFailedException("A message event could not be read", ex, i);
			}
		}
		this.broker.publish(out);
	}

	private void collect(String payload, String conversationId, List<Broker.Delivery> out) {
		ReceivedEvent event = ReceivedEvent.parse(this.json, payload);
		if (MessageEvents.CONVERSATION_UPDATED.equals(event.type())) {
			this.members.forget(conversationId);
		}
		JsonNode reply = event.data().path("reply");
		if (reply.isObject()) {
			JsonNode to = reply.path("to");
			String frameId = to.path("frameId").asString();
			Frame answer = reply.path("code").isString()
					? Frame.error(frameId, reply.path("code").asString(), reply.path("message").asString())
					: Frame.ack(frameId, reply.path("ack"));
			out.add(new Broker.Delivery(List.of(to.path("userId").asString()), to.path("socketId").asString(),
					this.json.writeValueAsString(answer)));
		}
		for (JsonNode delivery : event.data().path("deliveries")) {
			String frame = this.json
				.writeValueAsString(Frame.event(delivery.path("frame").asString(), delivery.path("data")));
			List<String> users = new ArrayList<>();
			delivery.path("to").forEach((user) -> users.add(user.asString()));
			out.add(Broker.Delivery.toAll(users, frame));
		}
	}

}
