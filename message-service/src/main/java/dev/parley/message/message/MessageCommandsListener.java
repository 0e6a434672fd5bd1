package dev.parley.message.message;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.message.live.LiveEvents;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.MessageCommands.DeleteMessage;
import dev.parley.platform.events.MessageCommands.EditMessage;
import dev.parley.platform.events.MessageCommands.MarkRead;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageCommands.React;
import dev.parley.platform.events.MessageCommands.RecordCall;
import dev.parley.platform.events.MessageCommands.SendMessage;
import dev.parley.platform.events.EventTracing;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.ReceivedEvent;
import dev.parley.platform.events.TimedCommits;
import dev.parley.platform.events.Topics;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out what users asked over the socket, a poll's worth at a time in one
 * transaction (one commit, one fsync, for the whole batch; each command has a savepoint
 * of its own). A command the rules refuse is answered with an {@code error} for its
 * frame; one that cannot be carried out at all (unreadable, or the database failed on it)
 * ends the batch: what came before it commits, and the platform retries it, then moves it
 * to the dead-letter topic so it never blocks the partition.
 */
@Component
class MessageCommandsListener {

	private final Messages messages;

	private final LiveEvents live;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final EventTracing tracing;

	MessageCommandsListener(Messages messages, LiveEvents live, JsonMapper json,
			PlatformTransactionManager transactionManager, EventTracing tracing) {
		this.messages = messages;
		this.live = live;
		this.json = json;
		this.transactions = new TransactionTemplate(transactionManager);
		this.tracing = tracing;
	}

	@KafkaListener(topics = Topics.MESSAGE_COMMANDS, batch = "true", containerPostProcessor = TimedCommits.BEAN)
	void on(List<ConsumerRecord<String, String>> records) {
		RuntimeException[] failure = { null };
		int[] failed = { -1 };
		this.transactions.executeWithoutResult((tx) -> {
			for (int i = 0; i < records.size(); i++) {
				ConsumerRecord<String, String> record = records.get(i);
				try {
					// The command's trace goes on here, and with the events it writes.
					this.tracing.inSpan("message command", record, () -> on(record.value()));
				}
				catch (RuntimeException ex) {
					failure[0] = ex;
					failed[0] = i;
					return;
				}
			}
		});
		if (failure[0] != null) {
			throw new BatchListenerFailedException("A command could not be carried out", failure[0], failed[0]);
		}
	}

	/** One command, inside the batch's transaction. */
	private void on(String payload) {
		ReceivedEvent command = ReceivedEvent.parse(this.json, payload);
		switch (command.type()) {
			case SendMessage.TYPE -> {
				SendMessage send = command.data(this.json, SendMessage.class);
				answering(send.conversationId(), send.origin(),
						() -> this.messages.send(user(send.origin()), UUID.fromString(send.conversationId()),
								send.clientMessageId(), send.text(), send.attachments(),
								(send.replyToId() != null) ? UUID.fromString(send.replyToId()) : null, send.origin()));
			}
			case EditMessage.TYPE -> {
				EditMessage edit = command.data(this.json, EditMessage.class);
				answering(edit.conversationId(), edit.origin(),
						() -> this.messages.edit(user(edit.origin()), UUID.fromString(edit.conversationId()),
								UUID.fromString(edit.messageId()), edit.text(), edit.origin()));
			}
			case React.TYPE -> {
				React react = command.data(this.json, React.class);
				answering(react.conversationId(), react.origin(),
						() -> this.messages.react(user(react.origin()), UUID.fromString(react.conversationId()),
								UUID.fromString(react.messageId()), react.emoji(), react.add(), react.origin()));
			}
			case DeleteMessage.TYPE -> {
				DeleteMessage delete = command.data(this.json, DeleteMessage.class);
				answering(delete.conversationId(), delete.origin(),
						() -> this.messages.delete(user(delete.origin()), UUID.fromString(delete.conversationId()),
								UUID.fromString(delete.messageId()), delete.scope(), delete.origin()));
			}
			case MarkRead.TYPE -> {
				MarkRead read = command.data(this.json, MarkRead.class);
				answering(read.conversationId(), read.origin(), () -> this.messages.read(user(read.origin()),
						UUID.fromString(read.conversationId()), UUID.fromString(read.messageId()), read.origin()));
			}
			case RecordCall.TYPE -> this.messages.recordCall(command.data(this.json, RecordCall.class));
			default -> throw new IllegalArgumentException("Unknown command type: " + command.type());
		}
	}

	private void answering(String conversationId, Origin origin, Runnable command) {
		try {
			command.run();
		}
		catch (ApiException refused) {
			if (origin != null && origin.frameId() != null) {
				this.transactions.executeWithoutResult((tx) -> this.live.reply(conversationId,
						Reply.error(origin, refused.code(), refused.getMessage())));
			}
		}
	}

	private static UUID user(Origin origin) {
		return UUID.fromString(origin.userId());
	}

}
