package dev.parley.signaling.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.events.MessageCommands.RecordCall;
import dev.parley.signaling.messaging.MessageCommandSender;

import org.springframework.stereotype.Component;

/**
 * Hands message-service the record of a call that ended, to keep in its conversation
 * (once per call id: the replica that made the call end sends it). If Kafka does not take
 * it, the record is lost and the call is not affected.
 */
@Component
class CallRecords {

	private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

	private final MessageCommandSender commands;

	CallRecords(MessageCommandSender commands) {
		this.commands = commands;
	}

	void record(RecordCall call) {
		this.commands.send(call.conversationId(), RecordCall.TYPE, call).whenComplete((result, failure) -> {
			if (failure != null) {
				log.warn("Could not hand the record of a call to Kafka: {}", failure.getMessage());
			}
		});
	}

}
