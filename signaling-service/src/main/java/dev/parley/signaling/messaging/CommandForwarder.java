package dev.parley.signaling.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.MessageCommands.DeleteMessage;
import dev.parley.platform.events.MessageCommands.EditMessage;
import dev.parley.platform.events.MessageCommands.MarkRead;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageCommands.React;
import dev.parley.platform.events.MessageCommands.SendMessage;
import dev.parley.platform.media.Attachment;
import dev.parley.platform.media.MediaClaims;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;
import dev.parley.signaling.socket.ClientSocket;
import dev.parley.signaling.socket.Frame;
import dev.parley.signaling.socket.FrameHandler;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code message.send}, {@code message.edit}, {@code message.delete}, {@code read},
 * {@code reaction.add} and {@code reaction.remove}: checked for shape here, then handed
 * to message-service as commands on Kafka, keyed by conversation so one conversation's
 * commands keep their order. The answer comes back as a message event.
 */
@Component
class CommandForwarder implements FrameHandler {

	private static final Logger log = LoggerFactory.getLogger(CommandForwarder.class);

	/** The most attachments one message carries. */
	static final int MAX_ATTACHMENTS = 10;

	/** The retry hint when a socket has too many commands waiting. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	private final MessageCommandSender commands;

	private final MediaClaims media;

	private final Counter received;

	CommandForwarder(MessageCommandSender commands, MediaClaims media, MeterRegistry meters) {
		this.commands = commands;
		this.media = media;
		this.received = Counter.builder("parley.messages.received")
			.description("Messages sent on this replica's sockets and handed to message-service (through Kafka)")
			.register(meters);
	}

	@Override
	public Set<FrameType> types() {
		return Set.of(FrameType.MESSAGE_SEND, FrameType.MESSAGE_EDIT, FrameType.MESSAGE_DELETE, FrameType.READ,
				FrameType.REACTION_ADD, FrameType.REACTION_REMOVE);
	}

	@Override
	public void handle(ClientSocket socket, Frame.Inbound frame) {
		String conversationId = frame.text("conversationId");
		if (!Frame.isUuid(conversationId)) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					"data.conversationId must be a conversation id."));
			return;
		}
		Origin origin = new Origin(socket.userId(), socket.id(), frame.id());
		Object command = switch (frame.kind()) {
			case MESSAGE_SEND -> send(frame, conversationId, origin);
			case MESSAGE_EDIT -> edit(frame, conversationId, origin);
			case MESSAGE_DELETE -> delete(frame, conversationId, origin);
			case REACTION_ADD, REACTION_REMOVE -> react(frame, conversationId, origin);
			default -> read(frame, conversationId, origin);
		};
		if (command == null) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED, invalidReason(frame.kind())));
			return;
		}
		if (command instanceof SendMessage send && !send.attachments().isEmpty()) {
			try {
				command = withAttachments(socket, send);
			}
			catch (ApiException ex) {
				socket.send((ex.status() == HttpStatus.SERVICE_UNAVAILABLE)
						? Frame.error(frame.id(), ErrorCode.UNAVAILABLE, ex.getMessage(), RETRY_AFTER)
						: Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED, ex.getMessage()));
				return;
			}
		}
		if (!socket.awaitAnswer(frame.id())) {
			// message-service is down or slow: the client tries again, not the broker's
			// queue.
			socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE,
					"Too many of your messages are waiting for the server. Try again shortly.", RETRY_AFTER));
			return;
		}
		this.commands.send(conversationId, commandType(command), command).whenComplete((result, failure) -> {
			if (failure != null) {
				log.warn("Could not hand a {} command to Kafka: {}", frame.type(), failure.getMessage());
				socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE,
						"Messaging is unavailable. Try again shortly.", RETRY_AFTER));
			}
			else if (frame.kind() == FrameType.MESSAGE_SEND) {
				this.received.increment();
			}
		});
	}

	/**
	 * The send with its attachments claimed at media-service with the sender's token (a
	 * resend under the same clientMessageId claims them again, harmlessly).
	 */
	private SendMessage withAttachments(ClientSocket socket, SendMessage send) {
		if (send.attachments().size() > MAX_ATTACHMENTS) {
			throw ApiException.invalid("attachmentIds", "A message has at most " + MAX_ATTACHMENTS + " attachments.");
		}
		List<Attachment> claimed = this.media.forMessage(socket.token(), UUID.fromString(send.conversationId()),
				send.clientMessageId(), send.attachments().stream().map(Attachment::id).toList());
		return new SendMessage(send.conversationId(), send.clientMessageId(), send.text(), claimed, send.replyToId(),
				send.origin());
	}

	/**
	 * The frame as a send; its attachments named by id only until
	 * {@link #withAttachments} claims them.
	 */
	private static SendMessage send(Frame.Inbound frame, String conversationId, Origin origin) {
		String clientMessageId = frame.text("clientMessageId");
		JsonNode text = frame.data().get("text");
		JsonNode attachments = frame.data().get("attachmentIds");
		JsonNode replyTo = frame.data().get("replyToId");
		if (clientMessageId == null || (text != null && !text.isString() && !text.isNull())
				|| (attachments != null && !attachments.isArray() && !attachments.isNull())
				|| (replyTo != null && !replyTo.isNull() && !Frame.isUuid(frame.text("replyToId")))) {
			return null;
		}
		List<Attachment> named = new ArrayList<>();
		if (attachments != null && attachments.isArray()) {
			for (JsonNode id : attachments) {
				if (!id.isString() || id.asString().isBlank() || id.asString().length() > 64) {
					return null;
				}
				named.add(new Attachment(id.asString(), null, null, null, 0, null, null, null, null));
			}
		}
		return new SendMessage(conversationId, clientMessageId,
				(text != null && text.isString()) ? text.asString() : null, named, frame.text("replyToId"), origin);
	}

	private static EditMessage edit(Frame.Inbound frame, String conversationId, Origin origin) {
		String messageId = frame.text("messageId");
		String text = frame.text("text");
		return (Frame.isUuid(messageId) && text != null) ? new EditMessage(conversationId, messageId, text, origin)
				: null;
	}

	/** Only the shape: which emoji may be used is message-service's rule. */
	private static React react(Frame.Inbound frame, String conversationId, Origin origin) {
		String messageId = frame.text("messageId");
		String emoji = frame.text("emoji");
		if (!Frame.isUuid(messageId) || emoji == null || emoji.isEmpty() || emoji.length() > 64) {
			return null;
		}
		return new React(conversationId, messageId, emoji, frame.kind() == FrameType.REACTION_ADD, origin);
	}

	private static DeleteMessage delete(Frame.Inbound frame, String conversationId, Origin origin) {
		String messageId = frame.text("messageId");
		String scope = frame.text("scope");
		if (!Frame.isUuid(messageId) || !("me".equals(scope) || "everyone".equals(scope))) {
			return null;
		}
		return new DeleteMessage(conversationId, messageId, scope, origin);
	}

	private static MarkRead read(Frame.Inbound frame, String conversationId, Origin origin) {
		String messageId = frame.text("messageId");
		return Frame.isUuid(messageId) ? new MarkRead(conversationId, messageId, origin) : null;
	}

	/** The command's type on Kafka (which happens to read like the frame's). */
	private static String commandType(Object command) {
		return switch (command) {
			case SendMessage send -> SendMessage.TYPE;
			case EditMessage edit -> EditMessage.TYPE;
			case DeleteMessage delete -> DeleteMessage.TYPE;
			case React react -> React.TYPE;
			default -> MarkRead.TYPE;
		};
	}

	private static String invalidReason(FrameType type) {
		return switch (type) {
			case MESSAGE_SEND ->
				"message.send needs data {conversationId, clientMessageId, text?, attachmentIds?, replyToId?}.";
			case MESSAGE_EDIT -> "message.edit needs data {conversationId, messageId, text}.";
			case REACTION_ADD, REACTION_REMOVE -> type.wire() + " needs data {conversationId, messageId, emoji}.";
			case MESSAGE_DELETE -> "message.delete needs data {conversationId, messageId, scope: everyone|me}.";
			default -> "read needs data {conversationId, messageId}.";
		};
	}

}
