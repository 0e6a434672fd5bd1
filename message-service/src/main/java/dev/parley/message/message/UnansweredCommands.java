package dev.parley.message.message;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.DeadLetterListener;
import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageEvents.Reply;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.Topics;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * A command that could not be carried out even after retries (the database was down, or a
 * bug) still gets an answer: {@code error UNAVAILABLE} for the frame that asked, so the
 * client can offer to try again instead of waiting for its timeout. The answer goes
 * straight to Kafka, not through the outbox, because the database may be what failed.
 */
@Component
class UnansweredCommands implements DeadLetterListener {

	static final String CODE = "UNAVAILABLE";

	private static final Logger log = LoggerFactory.getLogger(UnansweredCommands.class);

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	UnansweredCommands(KafkaTemplate<String, String> kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	@Override
	public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
		if (!Topics.MESSAGE_COMMANDS.equals(record.topic()) || !(record.value() instanceof String payload)) {
			return;
		}
		JsonNode data;
		try {
			data = this.json.readTree(payload).path("data");
		}
		catch (JacksonException ex) {
			return;
		}
		JsonNode origin = data.path("origin");
		String frameId = origin.path("frameId").asString(null);
		String socketId = origin.path("socketId").asString(null);
		if (frameId == null || socketId == null) {
			return;
		}
		Reply reply = Reply.error(new Origin(origin.path("userId").asString(null), socketId, frameId), CODE,
				"That could not be done right now. Try again.");
		String key = (record.key() instanceof String k) ? k : data.path("conversationId").asString("");
		this.kafka.send(Topics.MESSAGE_EVENTS, key, this.json
			.writeValueAsString(EventEnvelope.of(MessageEvents.COMMAND_REPLIED, new MessageEvents(List.of(), reply))));
		log.debug("Answered dead-lettered command frame {} with {}", frameId, CODE);
	}

}
