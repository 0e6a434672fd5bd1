package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.CloseCode;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;

import org.springframework.stereotype.Component;

/**
 * What happens to one client frame: it is charged to the socket's {@link FrameBudget}
 * (unreadable ones too), parsed, and answered ({@code ping}), authenticated
 * ({@code auth}), or handed to the {@link FrameHandler} of its type once the socket has
 * authenticated. A frame that cannot be read or is not understood gets an {@code error}
 * frame and the socket stays open; a socket that keeps sending over its budget is closed
 * (4009).
 */
@Component
class FrameDispatcher {

	private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

	private final JsonMapper json;

	private final SocketAuthenticator authenticator;

	private final Map<FrameType, FrameHandler> handlers = new EnumMap<>(FrameType.class);

	FrameDispatcher(JsonMapper json, SocketAuthenticator authenticator, List<FrameHandler> handlers) {
		this.json = json;
		this.authenticator = authenticator;
		for (FrameHandler handler : handlers) {
			for (FrameType type : handler.types()) {
				if (!type.fromClient() || type == FrameType.AUTH || type == FrameType.PING) {
					throw new IllegalStateException(handler + " cannot handle " + type + " frames");
				}
				FrameHandler before = this.handlers.putIfAbsent(type, handler);
				if (before != null) {
					throw new IllegalStateException(type + " frames have two handlers: " + before + ", " + handler);
				}
			}
		}
	}

	void dispatch(Connection connection, String text) {
		Frame.Inbound frame;
		try {
			frame = this.json.readValue(text, Frame.Inbound.class);
		}
		catch (JacksonException ex) {
			frame = null;
		}
		if (!withinBudget(connection, (frame != null && frame.type() != null) ? frame.type() : "",
				(frame != null) ? frame.id() : null)) {
			return;
		}
		if (frame == null) {
			send(connection,
					Frame.error(null, ErrorCode.BAD_FRAME, "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame.type() == null || frame.type().isBlank()) {
			send(connection, Frame.error(frame.id(), ErrorCode.BAD_FRAME, "The frame has no type."));
			return;
		}
		if (Frame.hasNul(frame.data())) {
			send(connection,
					Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED, "Text must not contain NUL characters."));
			return;
		}
		log.trace("Socket {}: {} frame", connection.id(), frame.type());
		FrameType type = frame.kind();
		if (type == FrameType.PING) {
			send(connection, Frame.pong(frame.id()));
			return;
		}
		if (type == FrameType.AUTH) {
			this.authenticator.authenticate(connection, frame);
			return;
		}
		ClientSocket socket = connection.socket();
		if (socket == null) {
			send(connection, Frame.error(frame.id(), ErrorCode.UNAUTHENTICATED,
					"Authenticate first: send {type: auth, id, data: {token}} with your access token."));
			return;
		}
		FrameHandler handler = (type != null) ? this.handlers.get(type) : null;
		if (handler == null) {
			socket.send(Frame.error(frame.id(), ErrorCode.UNKNOWN_TYPE, "Unknown frame type: " + frame.type()));
			return;
		}
		try {
			handler.handle(socket, frame);
		}
		catch (RuntimeException ex) {
			log.warn("Handling a {} frame failed", frame.type(), ex);
			socket.send(Frame.error(frame.id(), ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
		}
	}

	/** Refuses a frame over the socket's budget, and closes a socket that floods. */
	private boolean withinBudget(Connection connection, String type, String id) {
		long now = System.nanoTime();
		switch (connection.budget().take(type, now)) {
			case ALLOWED -> {
				return true;
			}
			case REFUSED -> send(connection, Frame.error(id, ErrorCode.RATE_LIMITED, "Too many frames. Slow down.",
					Duration.ofMillis(Math.max(1, connection.budget().retryAfterMillis(type, now)))));
			case CLOSE -> {
				log.info("Socket {} kept sending over its budget; closing it", connection.id());
				connection.close(CloseCode.FLOODING);
			}
		}
		return false;
	}

	/** Writes to a connection whether or not it has authenticated yet. */
	private void send(Connection connection, Frame frame) {
		connection.send(this.json.writeValueAsString(frame));
	}

}
