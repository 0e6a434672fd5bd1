package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import dev.parley.platform.protocol.Acks;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;

/**
 * One socket frame, in either direction: {@code {"type": "...", "id"?: "...", "data":
 * {...}}}. A client frame with an id gets exactly one {@code ack} or {@code error} with
 * that id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frame(String type, String id, Object data) {

	/** A server event (no id), with the protocol's record for its type as data. */
	public static Frame event(FrameType type, Object data) {
		if (type.serverData() == null || !type.serverData().isInstance(data)) {
			throw new IllegalArgumentException(type + " frames carry " + type.serverData() + ", not " + data);
		}
		return new Frame(type.wire(), null, data);
	}

	/**
	 * The answer to a client frame: one of {@link Acks}, or what message-service answered
	 * (passed on).
	 */
	public static Frame ack(String id, Object data) {
		return new Frame(FrameType.ACK.wire(), id, (data != null) ? data : new Acks.Empty());
	}

	public static Frame pong(String id) {
		return new Frame(FrameType.PONG.wire(), id, new Acks.Empty());
	}

	public static Frame error(String id, ErrorCode code, String message) {
		return new Frame(FrameType.ERROR.wire(), id, ServerData.Error.of(code, message, null));
	}

	/** A retryable error that says when to try again. */
	public static Frame error(String id, ErrorCode code, String message, Duration retryAfter) {
		return new Frame(FrameType.ERROR.wire(), id, ServerData.Error.of(code, message, retryAfter.toMillis()));
	}

	/** Whether the value is a UUID in its canonical 36-character form. */
	public static boolean isUuid(String value) {
		if (value == null || value.length() != 36) {
			return false;
		}
		try {
			UUID.fromString(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Whether the tree holds a NUL character anywhere (names included): the JSON mapper
	 * refuses it in strings, but a tree is not read as strings until a service deep
	 * inside (and PostgreSQL) would meet it.
	 */
	static boolean hasNul(JsonNode node) {
		if (node == null) {
			return false;
		}
		if (node.isString()) {
			return node.asString().indexOf('\u0000') >= 0;
		}
		if (node.isObject()) {
			for (var entry : node.properties()) {
				if (entry.getKey().indexOf('\u0000') >= 0 || hasNul(entry.getValue())) {
					return true;
				}
			}
		}
		if (node.isArray()) {
			for (JsonNode element : node) {
				if (hasNul(element)) {
					return true;
				}
			}
		}
		return false;
	}

	/** A parsed client frame; {@code data} stays a tree until a handler reads it. */
	public record Inbound(String type, String id, JsonNode data) {

		/** The frame's type, or {@code null} when the protocol has none of that name. */
		public FrameType kind() {
			return (this.type != null) ? FrameType.of(this.type).orElse(null) : null;
		}

		/** A required string field of {@code data}, or {@code null}. */
		public String text(String field) {
			JsonNode value = (this.data != null) ? this.data.get(field) : null;
			return (value != null && value.isString()) ? value.asString() : null;
		}

	}

}
