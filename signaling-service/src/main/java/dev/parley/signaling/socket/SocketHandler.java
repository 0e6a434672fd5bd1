package dev.parley.signaling.socket;

import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;

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
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint. The upgrade was authenticated by the security filter chain,
 * so every session has a verified user. Frames that cannot be parsed or are not
 * understood get an {@code error} frame; the socket stays open.
 */
@Component
class SocketHandler extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

	private static final String SAFE_SESSION = "parley.safeSession";

	private static final String EXPIRY = "parley.expiry";

	private final ScheduledExecutorService expiries = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("socket-expiry").factory());

	private final Object[] locks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

	private final JsonMapper json;

	private final SessionHub hub;

	private final Broker broker;

	SocketHandler(JsonMapper json, SessionHub hub, Broker broker) {
		this.json = json;
		this.hub = hub;
		this.broker = broker;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		Principal principal = session.getPrincipal();
		if (principal == null) {
			session.close(SocketCloseCodes.UNAUTHENTICATED);
			return;
		}
		scheduleExpiry(session, principal);
		synchronized (lockFor(principal.getName())) {
			SessionHub.Added added = this.hub.add(principal.getName(), session);
			session.getAttributes().put(SAFE_SESSION, added.session());
			if (added.first()) {
				this.broker.subscribe(principal.getName());
			}
		}
		log.debug("Socket {} opened for user {}", session.getId(), principal.getName());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		Frame.Inbound frame;
		try {
			frame = this.json.readValue(message.getPayload(), Frame.Inbound.class);
		}
		catch (JacksonException ex) {
			send(session, Frame.error(null, "BAD_FRAME", "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame == null) {
			send(session, Frame.error(null, "BAD_FRAME", "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame.type() == null || frame.type().isBlank()) {
			send(session, Frame.error(frame.id(), "BAD_FRAME", "The frame has no type."));
			return;
		}
		switch (frame.type()) {
			case "ping" -> send(session, new Frame("pong", frame.id(), Map.of()));
			default -> send(session, Frame.error(frame.id(), "UNKNOWN_TYPE", "Unknown frame type: " + frame.type()));
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
		Principal principal = session.getPrincipal();
		if (principal != null) {
			synchronized (lockFor(principal.getName())) {
				if (this.hub.remove(principal.getName(), session)) {
					this.broker.unsubscribe(principal.getName());
				}
			}
		}
		log.debug("Socket {} closed: {}", session.getId(), status);
	}

	/**
	 * The socket lives as long as the token it was opened with: when that expires, it
	 * closes with 4001 and the client reconnects with a fresh token.
	 */
	private void scheduleExpiry(WebSocketSession session, Principal principal) {
		if (!(principal instanceof JwtAuthenticationToken jwt) || jwt.getToken().getExpiresAt() == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), jwt.getToken().getExpiresAt()).toMillis());
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
	 * Replies go through the same thread-safe wrapper as deliveries, so writes never
	 * collide.
	 */
	private void send(WebSocketSession session, Frame frame) throws IOException {
		WebSocketSession out = (WebSocketSession) session.getAttributes().getOrDefault(SAFE_SESSION, session);
		if (out.isOpen()) {
			out.sendMessage(new TextMessage(this.json.writeValueAsString(frame)));
		}
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
