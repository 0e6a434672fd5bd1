package dev.parley.signaling.socket;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * One socket frame, in either direction: {@code {"type": "...", "id"?: "...", "data":
 * {...}}}. A client frame with an id gets exactly one {@code ack} or {@code error} with
 * that id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frame(String type, String id, Object data) {

	/** A server event (no id). */
	public static Frame event(String type, Object data) {
		return new Frame(type, null, data);
	}

	static Frame error(String id, String code, String message) {
		return new Frame("error", id, new ErrorData(code, message));
	}

	record ErrorData(String code, String message) {
	}

	/** A parsed client frame; {@code data} stays a tree until a handler reads it. */
	record Inbound(String type, String id, JsonNode data) {
	}

}
