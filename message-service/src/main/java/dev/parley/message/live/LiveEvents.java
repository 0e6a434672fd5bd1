package dev.parley.message.live;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.MessageEvents.Delivery;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.protocol.FrameType;

import org.springframework.stereotype.Component;

/**
 * The one way messaging changes reach people live: an event on
 * {@link Topics#MESSAGE_EVENTS} through the outbox (in the transaction of the change),
 * keyed by conversation, saying which frames go to whom and what to answer the frame that
 * asked for it.
 */
@Component
public class LiveEvents {

	private final Outbox outbox;

	LiveEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	public void publish(UUID conversationId, String type, List<Delivery> deliveries, Reply reply) {
		this.outbox.publish(Topics.MESSAGE_EVENTS, conversationId.toString(), type,
				new MessageEvents(deliveries, reply));
	}

	/** An answer and nothing else (a repeated send, a refused command). */
	public void reply(String conversationId, Reply reply) {
		this.outbox.publish(Topics.MESSAGE_EVENTS, conversationId, MessageEvents.COMMAND_REPLIED,
				new MessageEvents(List.of(), reply));
	}

	/**
	 * A frame of this type, with this data (the protocol's record for it), to each of
	 * these users' sockets.
	 */
	public static Delivery to(Collection<UUID> users, FrameType frame, Object data) {
		if (frame.serverData() == null || !frame.serverData().isInstance(data)) {
			throw new IllegalArgumentException(frame + " frames carry " + frame.serverData() + ", not " + data);
		}
		return new Delivery(frame.wire(), users.stream().map(UUID::toString).toList(), data);
	}

	/** The reply to {@code origin} when it asked for one. */
	public static Reply ok(Origin origin, Object ack) {
		return (origin != null && origin.frameId() != null) ? Reply.ok(origin, ack) : null;
	}

}
