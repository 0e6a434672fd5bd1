package dev.parley.platform.events;

import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as a consumer reads it: its type, and its data still as a tree until the
 * consumer knows which record it is. Unreadable input throws, so the record goes to the
 * dead-letter topic.
 */
public record ReceivedEvent(String id, String type, Instant occurredAt, JsonNode data) {

	public static ReceivedEvent parse(JsonMapper json, String payload) {
		JsonNode event = json.readTree(payload);
		return new ReceivedEvent(event.path("id").asString(), event.path("type").asString(),
				Instant.parse(event.path("occurredAt").asString()), event.path("data"));
	}

	public <T> T data(JsonMapper json, Class<T> type) {
		return json.treeToValue(this.data, type);
	}

}
