package dev.parley.signaling.socket;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The {@code /ws} endpoint. A socket authenticates with the access token at the upgrade
 * (checked by the security filter chain) or with a first {@code auth} frame; until then
 * it may only ping. Another {@code auth} frame on an open socket renews it with a fresh
 * token of the same user, so it outlives the token it was opened with. Frames go to the
 * {@link FrameHandler} of their type; frames that cannot be parsed or are not understood
 * get an {@code error} frame and the socket stays open.
 */
@Component
@EnableConfigurationProperties(SocketProperties.class)
class SocketHandler extends TextWebSocketHandler {

	static final String AUTH = "auth";

	private static final Logger log = LoggerFactory.getLogger(SocketHandler.class);

	private static final String SOCKET = "parley.socket";

	private static final String OUTPUT = "parley.output";

	/**
	 * When the socket closes unless something happens: auth timeout, then token expiry.
	 */
	private static final String DEADLINE = "parley.deadline";

	/** A slow client may hold this much unsent output before it is cut off. */
	private static final int SEND_BUFFER_BYTES = 512 * 1024;

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("socket-deadline").factory());

	private final Object[] locks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

	private final JsonMapper json;

	private final JwtDecoder tokens;

	private final SocketProperties properties;

	private final SessionHub hub;

	private final Broker broker;

	private final Map<String, FrameHandler> handlers = new HashMap<>();

	private final List<SocketListener> listeners;

	SocketHandler(JsonMapper json, JwtDecoder tokens, SocketProperties properties, SessionHub hub, Broker broker,
			List<FrameHandler> handlers, List<SocketListener> listeners) {
		this.json = json;
		this.tokens = tokens;
		this.properties = properties;
		this.hub = hub;
		this.broker = broker;
		this.listeners = listeners;
		handlers.forEach((handler) -> handler.types().forEach((type) -> this.handlers.put(type, handler)));
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		session.getAttributes()
			.put(OUTPUT, new ConcurrentWebSocketSessionDecorator(session, 10_000, SEND_BUFFER_BYTES));
		if (session.getPrincipal() instanceof JwtAuthenticationToken principal) {
			open(session, principal.getToken(), null);
		}
		else {
			scheduleClose(session, this.properties.authTimeout(), SocketCloseCodes.NO_AUTH_FRAME);
		}
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
			send(session, Frame.error(null, "BAD_FRAME", "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame.type() == null || frame.type().isBlank()) {
			send(session, Frame.error(frame.id(), "BAD_FRAME", "The frame has no type."));
			return;
		}
		if (frame.type().equals("ping")) {
			send(session, new Frame("pong", frame.id(), Map.of()));
			return;
		}
		if (frame.type().equals(AUTH)) {
			authenticate(session, socket, frame);
			return;
		}
		if (socket == null) {
			send(session, Frame.error(frame.id(), "UNAUTHENTICATED",
					"Authenticate first: send {type: auth, id, data: {token}} with your access token."));
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
		if (session.getAttributes().get(DEADLINE) instanceof ScheduledFuture<?> deadline) {
			deadline.cancel(false);
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
	 * An {@code auth} frame: the first one opens the socket for the token's user (a bad
	 * token closes it with 4001, as an expired one would); a later one renews an open
	 * socket with a fresh token of the same user (a bad one is answered with an error and
	 * the socket lives on until its current token expires).
	 */
	private void authenticate(WebSocketSession session, ClientSocket socket, Frame.Inbound frame) {
		String token = frame.text("token");
		Jwt jwt;
		try {
			jwt = (token != null) ? this.tokens.decode(token) : null;
		}
		catch (BadJwtException ex) {
			jwt = null;
		}
		catch (JwtException ex) {
			// The key set could not be fetched: not the client's fault.
			log.warn("Could not check a socket token: {}", ex.getMessage());
			if (socket == null) {
				close(session, CloseStatus.SERVICE_OVERLOAD);
			}
			else {
				socket
					.send(Frame.error(frame.id(), "UNAVAILABLE", "Cannot check tokens right now. Try again shortly."));
			}
			return;
		}
		if (jwt == null || jwt.getSubject() == null) {
			if (socket == null) {
				close(session, SocketCloseCodes.TOKEN_REJECTED);
			}
			else {
				send(session, Frame.error(frame.id(), "UNAUTHENTICATED", "data.token must be a valid access token."));
			}
			return;
		}
		if (socket == null) {
			open(session, jwt, frame.id());
			return;
		}
		if (!jwt.getSubject().equals(socket.userId())) {
			socket.send(Frame.error(frame.id(), "FORBIDDEN", "The token belongs to another user."));
			return;
		}
		socket.renew(jwt.getTokenValue());
		scheduleExpiry(session, jwt);
		socket.send(authenticated(frame.id(), jwt));
	}

	/**
	 * Registers an authenticated socket; when it authenticated with a frame, the
	 * {@code ack} goes out before anything the listeners send (such as presence).
	 */
	private void open(WebSocketSession session, Jwt jwt, String authFrameId) {
		scheduleExpiry(session, jwt);
		ClientSocket socket = new ClientSocket(jwt.getSubject(), UUID.randomUUID().toString(), jwt.getTokenValue(),
				output(session), this.json);
		session.getAttributes().put(SOCKET, socket);
		if (authFrameId != null) {
			socket.send(authenticated(authFrameId, jwt));
		}
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

	private static Frame authenticated(String frameId, Jwt jwt) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("userId", jwt.getSubject());
		if (jwt.getExpiresAt() != null) {
			data.put("expiresAt", jwt.getExpiresAt().toString());
		}
		return Frame.ack(frameId, data);
	}

	/**
	 * The socket lives as long as its newest token: when that expires, it closes with
	 * 4001 and the client reconnects with a fresh token (or renews in time with an
	 * {@code auth} frame).
	 */
	private void scheduleExpiry(WebSocketSession session, Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return;
		}
		scheduleClose(session, Duration.between(Instant.now(), expiresAt), SocketCloseCodes.UNAUTHENTICATED);
	}

	private void scheduleClose(WebSocketSession session, Duration delay, CloseStatus status) {
		ScheduledFuture<?> next = this.deadlines.schedule(() -> close(session, status), Math.max(0, delay.toMillis()),
				TimeUnit.MILLISECONDS);
		if (session.getAttributes().put(DEADLINE, next) instanceof ScheduledFuture<?> previous) {
			previous.cancel(false);
		}
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			if (session.isOpen()) {
				session.close(status);
			}
		}
		catch (IOException ex) {
			log.debug("Closing socket {}: {}", session.getId(), ex.getMessage());
		}
	}

	/** Writes to a socket whether or not it has authenticated yet. */
	private void send(WebSocketSession session, Frame frame) {
		ClientSocket.send(output(session), this.json.writeValueAsString(frame), session.getId());
	}

	private static WebSocketSession output(WebSocketSession session) {
		return (WebSocketSession) session.getAttributes().get(OUTPUT);
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
