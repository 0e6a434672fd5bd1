package dev.parley.signaling.socket;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.signaling.fanout.Broker;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint. The upgrade was authenticated by the security filter chain,
 * so every session has a verified user. Frames go to the {@link FrameHandler} of their
 * type; frames that cannot be parsed or are not understood get an {@code error} frame and
 * the socket stays open.
 */
@Component
class SocketHandler extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

	private static final String SOCKET = "parley.socket";

	private static final String EXPIRY = "parley.expiry";

	/** A slow client may hold this much unsent output before it is cut off. */
	private static final int SEND_BUFFER_BYTES = 512 * 1024;

	private final ScheduledExecutorService expiries = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("socket-expiry").factory());

	private final Object[] locks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

	private final JsonMapper json;

	private final SessionHub hub;

	private final Broker broker;

	private final Map<String, FrameHandler> handlers = new HashMap<>();

	private final List<SocketListener> listeners;

	SocketHandler(JsonMapper json, SessionHub hub, Broker broker, List<FrameHandler> handlers,
			List<SocketListener> listeners) {
		this.json = json;
		this.hub = hub;
		this.broker = broker;
		this.listeners = listeners;
		handlers.forEach((handler) -> handler.types().forEach((type) -> this.handlers.put(type, handler)));
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		if (!(session.getPrincipal() instanceof JwtAuthenticationToken principal)) {
			session.close(SocketCloseCodes.UNAUTHENTICATED);
			return;
		}
		scheduleExpiry(session, principal);
		ClientSocket socket = new ClientSocket(principal.getName(), UUID.randomUUID().toString(),
				principal.getToken().getTokenValue(),
				new ConcurrentWebSocketSessionDecorator(session, 10_000, SEND_BUFFER_BYTES), this.json);
		session.getAttributes().put(SOCKET, socket);
		boolean first;
		synchronized (lockFor(socket.userId())) {
			first = this.hub.add(socket);
			if (first) {
				this.broker.subscribe(socket.userId());
			}
		}
		this.listeners.forEach((listener) -> listener.opened(socket, first));
		log.debug("Socket {} opened for user {}", socket.id(), socket.userId());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		ClientSocket socket = (ClientSocket) session.getAttributes().get(SOCKET);
		Frame.Inbound frame;
		try {
			frame = this.json.readValue(message.getPayload(), Frame.Inbound.class);
		}
		catch (JacksonException ex) {
			frame = null;
		}
		if (frame == null) {
			socket.send(Frame.error(null, "BAD_FRAME", "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame.type() == null || frame.type().isBlank()) {
			socket.send(Frame.error(frame.id(), "BAD_FRAME", "The frame has no type."));
			return;
		}
		if (frame.type().equals("ping")) {
			socket.send(new Frame("pong", frame.id(), Map.of()));
			return;
		}
		FrameHandler handler = this.handlers.get(frame.type());
		if (handler == null) {
			socket.send(Frame.error(frame.id(), "UNKNOWN_TYPE", "Unknown frame type: " + frame.type()));
			return;
		}
		try {
			handler.handle(socket, frame);
		}
		catch (RuntimeException ex) {
			log.warn("Handling a {} frame failed", frame.type(), ex);
			socket.send(Frame.error(frame.id(), "INTERNAL_ERROR", "Something went wrong on our side."));
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		log.debug("Socket {} transport error: {}", session.getId(), exception.getMessage());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (session.getAttributes().get(EXPIRY) instanceof ScheduledFuture<?> expiry) {
			expiry.cancel(false);
		}
		if (session.getAttributes().get(SOCKET) instanceof ClientSocket socket) {
			boolean last;
			synchronized (lockFor(socket.userId())) {
				last = this.hub.remove(socket);
				if (last) {
					this.broker.unsubscribe(socket.userId());
				}
			}
			this.listeners.forEach((listener) -> listener.closed(socket, last));
		}
		log.debug("Socket {} closed: {}", session.getId(), status);
	}

	/**
	 * The socket lives as long as the token it was opened with: when that expires, it
	 * closes with 4001 and the client reconnects with a fresh token.
	 */
	private void scheduleExpiry(WebSocketSession session, JwtAuthenticationToken principal) {
		Instant expiresAt = principal.getToken().getExpiresAt();
		if (expiresAt == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		session.getAttributes().put(EXPIRY, this.expiries.schedule(() -> {
			try {
				if (session.isOpen()) {
					session.close(SocketCloseCodes.UNAUTHENTICATED);
				}
			}
			catch (IOException ex) {
				log.debug("Closing expired socket {}: {}", session.getId(), ex.getMessage());
			}
		}, delay, TimeUnit.MILLISECONDS));
	}

	/**
	 * A user's first socket subscribes the node and the last unsubscribes it; a lock per
	 * user keeps an opening and a closing socket from crossing (which would leave the
	 * user unsubscribed).
	 */
	private Object lockFor(String userId) {
		return this.locks[Math.floorMod(userId.hashCode(), this.locks.length)];
	}

}
