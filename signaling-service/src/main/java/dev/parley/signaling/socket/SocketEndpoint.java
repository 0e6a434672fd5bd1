package dev.parley.signaling.socket;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.security.Revocations;
import dev.parley.signaling.fanout.Broker;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The {@code /ws} endpoint on Reactor Netty: an idle socket costs a few objects, no
 * thread and no buffer. A socket authenticates with the access token at the upgrade
 * (checked by the security filter chain) or with a first {@code auth} frame; until then
 * it may only ping. Another {@code auth} frame renews it with a fresh token of the same
 * user. Each socket's frames are handled one after another off the event loop (a handler
 * may block) and go to the {@link FrameHandler} of their type; frames that cannot be
 * parsed or are not understood get an {@code error} frame and the socket stays open. A
 * replica that cannot deliver, or holds {@code maxSockets}, refuses new sockets with a
 * retryable close code.
 */
@Component
@EnableConfigurationProperties(SocketProperties.class)
class SocketEndpoint implements WebSocketHandler, SmartLifecycle, DisposableBean {

	/** How long a stopping replica waits for its sockets to take their close frames. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

	static final String AUTH = "auth";

	private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);

	private final ScheduledExecutorService deadlines = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("socket-deadline").factory());

	/**
	 * Where frames are handled: a pool of platform threads with one shared queue, since a
	 * handler may block (Redis, a call to another service). Any free thread takes the
	 * next task, so one slow task never holds up frames queued behind it on the same
	 * thread; each socket's frames still go one after another (see {@link #handle}).
	 */
	private final Scheduler frames = Schedulers.fromExecutorService(
			Executors.newFixedThreadPool(32, Thread.ofPlatform().daemon().name("socket-frames-", 0).factory()),
			"socket-frames");

	private final Object[] locks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

	private final AtomicInteger open = new AtomicInteger();

	private volatile boolean running;

	/** Stopping: sockets are told to reconnect elsewhere, and new ones are refused. */
	private volatile boolean draining;

	private final JsonMapper json;

	private final ReactiveJwtDecoder tokens;

	private final SocketProperties properties;

	private final SessionHub hub;

	private final Broker broker;

	private final Map<String, FrameHandler> handlers = new HashMap<>();

	private final List<SocketListener> listeners;

	SocketEndpoint(JsonMapper json, ReactiveJwtDecoder tokens, SocketProperties properties, SessionHub hub,
			Broker broker, List<FrameHandler> handlers, List<SocketListener> listeners, MeterRegistry meters) {
		this.json = json;
		this.tokens = tokens;
		this.properties = properties;
		this.hub = hub;
		this.broker = broker;
		this.listeners = listeners;
		handlers.forEach((handler) -> handler.types().forEach((type) -> this.handlers.put(type, handler)));
		Gauge.builder("parley.sockets.open", this.open, AtomicInteger::get)
			.description("Sockets open on this replica, authenticated or not")
			.register(meters);
		long sweep = Math.max(1, properties.idleTimeout().toMillis() / 4);
		this.deadlines.scheduleWithFixedDelay(this::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
	}

	/** Closes sockets that went silent: their clients stopped pinging, or vanished. */
	private void closeIdle() {
		this.hub.forEach((socket) -> {
			if (socket.connection().silentFor(this.properties.idleTimeout())) {
				socket.connection().close(SocketCloseCodes.IDLE);
			}
		});
	}

	/** How many sockets this replica holds now. */
	int open() {
		return this.open.get();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		if (this.draining) {
			return session.close(SocketCloseCodes.RESTARTING);
		}
		if (!this.broker.deliverable()) {
			return session.close(SocketCloseCodes.UNAVAILABLE);
		}
		if (this.open.incrementAndGet() > this.properties.maxSockets()) {
			this.open.decrementAndGet();
			return session.close(SocketCloseCodes.FULL);
		}
		Connection connection = new Connection(session, this.properties.maxQueuedFrames(),
				new FrameBudget(this.properties.rates()));
		// The socket is registered (or its auth deadline set) off the event loop; frames
		// are
		// read from the start and each waits for that, then for the one before it.
		Mono<Void> started = session.getHandshakeInfo()
			.getPrincipal()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.publishOn(this.frames)
			.doOnNext((principal) -> begin(connection, principal.orElse(null)))
			.then()
			.cache();
		Flux<Void> frames = session.receive()
			.map(WebSocketMessage::getPayloadAsText)
			.doOnNext((text) -> connection.heard())
			.concatMap((text) -> started
				.then(Mono.<Void>fromRunnable(() -> onFrame(connection, text)).subscribeOn(this.frames)), 1);
		Mono<Void> input = Mono.when(started, frames).onErrorResume(CorruptedWebSocketFrameException.class, (ex) -> {
			connection.close(new CloseStatus(ex.closeStatus().code(), ex.closeStatus().reasonText()));
			return Mono.empty();
		}).onErrorResume(TooLongFrameException.class, (ex) -> {
			connection.close(CloseStatus.TOO_BIG_TO_PROCESS);
			return Mono.empty();
		}).doFinally((signal) -> connection.finished());
		Mono<Void> output = session.send(connection.outbound());
		return Mono.firstWithSignal(Mono.when(input, output), connection.cut()).onErrorResume((ex) -> {
			log.debug("Socket {} failed: {}", session.getId(), ex.getMessage());
			return Mono.empty();
		}).doFinally((signal) -> this.frames.schedule(() -> closed(connection)));
	}

	private void begin(Connection connection, Principal principal) {
		if (principal instanceof JwtAuthenticationToken token) {
			open(connection, token.getToken(), null);
		}
		else {
			scheduleClose(connection, this.properties.authTimeout(), SocketCloseCodes.NO_AUTH_FRAME);
		}
	}

	private void onFrame(Connection connection, String text) {
		Frame.Inbound frame;
		try {
			frame = this.json.readValue(text, Frame.Inbound.class);
		}
		catch (JacksonException ex) {
			frame = null;
		}
		// Every frame counts against the budget, those that cannot be read too.
		if (!withinBudget(connection, (frame != null && frame.type() != null) ? frame.type() : "",
				(frame != null) ? frame.id() : null)) {
			return;
		}
		if (frame == null) {
			send(connection, Frame.error(null, "BAD_FRAME", "A frame must be one JSON object {type, id?, data}."));
			return;
		}
		if (frame.type() == null || frame.type().isBlank()) {
			send(connection, Frame.error(frame.id(), "BAD_FRAME", "The frame has no type."));
			return;
		}
		if (Frame.hasNul(frame.data())) {
			send(connection, Frame.error(frame.id(), "VALIDATION_FAILED", "Text must not contain NUL characters."));
			return;
		}
		log.trace("Socket {}: {} frame", connection.id(), frame.type());
		if (frame.type().equals("ping")) {
			send(connection, new Frame("pong", frame.id(), Map.of()));
			return;
		}
		if (frame.type().equals(AUTH)) {
			authenticate(connection, frame);
			return;
		}
		ClientSocket socket = connection.socket();
		if (socket == null) {
			send(connection, Frame.error(frame.id(), "UNAUTHENTICATED",
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

	/** Refuses a frame over the socket's budget, and closes a socket that floods. */
	private boolean withinBudget(Connection connection, String type, String id) {
		long now = System.nanoTime();
		switch (connection.budget().take(type, now)) {
			case ALLOWED -> {
				return true;
			}
			case REFUSED -> send(connection, Frame.error(id, "RATE_LIMITED", "Too many frames. Slow down.",
					Duration.ofMillis(Math.max(1, connection.budget().retryAfterMillis(type, now)))));
			case CLOSE -> {
				log.info("Socket {} kept sending over its budget; closing it", connection.id());
				connection.close(SocketCloseCodes.FLOODING);
			}
		}
		return false;
	}

	private void closed(Connection connection) {
		this.open.decrementAndGet();
		ClientSocket socket = connection.socket();
		if (socket == null) {
			return;
		}
		boolean last;
		synchronized (lockFor(socket.userId())) {
			last = this.hub.remove(socket);
			if (last) {
				release(socket.userId());
			}
		}
		this.listeners.forEach((listener) -> listener.closed(socket, last));
		log.debug("Socket {} closed", socket.id());
	}

	/**
	 * An {@code auth} frame: the first one opens the socket for the token's user (a bad
	 * token closes it with 4001, as an expired one would); a later one renews an open
	 * socket with a fresh token of the same user (a bad one is answered with an error and
	 * the socket lives on until its current token expires).
	 */
	private void authenticate(Connection connection, Frame.Inbound frame) {
		ClientSocket socket = connection.socket();
		String token = frame.text("token");
		Jwt jwt;
		try {
			jwt = (token != null) ? this.tokens.decode(token).block(Duration.ofSeconds(10)) : null;
		}
		catch (BadJwtException ex) {
			jwt = null;
		}
		catch (JwtException | IllegalStateException ex) {
			// The key set could not be fetched: not the client's fault.
			log.warn("Could not check a socket token: {}", ex.getMessage());
			if (socket == null) {
				connection.close(SocketCloseCodes.UNAVAILABLE);
			}
			else {
				socket
					.send(Frame.error(frame.id(), "UNAVAILABLE", "Cannot check tokens right now. Try again shortly."));
			}
			return;
		}
		if (jwt == null || jwt.getSubject() == null) {
			if (socket == null) {
				connection.close(SocketCloseCodes.UNAUTHENTICATED);
			}
			else {
				send(connection,
						Frame.error(frame.id(), "UNAUTHENTICATED", "data.token must be a valid access token."));
			}
			return;
		}
		if (socket == null) {
			open(connection, jwt, frame.id());
			return;
		}
		if (!jwt.getSubject().equals(socket.userId())) {
			socket.send(Frame.error(frame.id(), "FORBIDDEN", "The token belongs to another user."));
			return;
		}
		socket.renew(jwt.getTokenValue(), Revocations.sessionOf(jwt));
		scheduleExpiry(connection, jwt);
		socket.send(authenticated(frame.id(), jwt));
	}

	/**
	 * Registers an authenticated socket where deliveries find it, then answers its
	 * {@code auth} frame (so anything published after the {@code ack} reaches it), then
	 * tells the listeners (such as presence).
	 */
	private void open(Connection connection, Jwt jwt, String authFrameId) {
		scheduleExpiry(connection, jwt);
		ClientSocket socket = new ClientSocket(jwt.getSubject(), UUID.randomUUID().toString(), jwt.getTokenValue(),
				connection, this.json, this.properties.maxUnansweredCommands(), this.properties.unansweredTimeout());
		socket.renew(jwt.getTokenValue(), Revocations.sessionOf(jwt));
		boolean first;
		synchronized (lockFor(socket.userId())) {
			if (this.hub.count(socket.userId()) >= this.properties.maxSocketsPerUser()) {
				connection.close(SocketCloseCodes.TOO_MANY_SOCKETS);
				return;
			}
			first = this.hub.add(socket);
			if (first) {
				this.broker.hold(socket.userId());
			}
		}
		connection.authenticated(socket);
		if (authFrameId != null) {
			socket.send(authenticated(authFrameId, jwt));
		}
		this.listeners.forEach((listener) -> listener.opened(socket, first));
		log.debug("Socket {} opened for user {}", socket.id(), socket.userId());
	}

	private void release(String userId) {
		try {
			this.broker.release(userId);
		}
		catch (RuntimeException ex) {
			// The route stays until this node's heartbeat lapses; deliveries to it find
			// no socket here and are dropped.
			log.debug("Could not release the route of a user: {}", ex.getMessage());
		}
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
	private void scheduleExpiry(Connection connection, Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null) {
			scheduleClose(connection, Duration.between(Instant.now(), expiresAt), SocketCloseCodes.UNAUTHENTICATED);
		}
	}

	private void scheduleClose(Connection connection, Duration delay, CloseStatus status) {
		connection.deadline(this.deadlines.schedule(() -> connection.close(status), Math.max(0, delay.toMillis()),
				TimeUnit.MILLISECONDS));
	}

	/** Writes to a socket whether or not it has authenticated yet. */
	private void send(Connection connection, Frame frame) {
		connection.send(this.json.writeValueAsString(frame));
	}

	/**
	 * A user's first socket on this node adds the node to the user's route and the last
	 * removes it; a lock per user keeps an opening and a closing socket from crossing
	 * (which would leave the user without a route).
	 */
	private Object lockFor(String userId) {
		return this.locks[Math.floorMod(userId.hashCode(), this.locks.length)];
	}

	/** Also after a stop: a paused context (as the tests' are) takes sockets again. */
	@Override
	public void start() {
		this.draining = false;
		this.running = true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the web server stops. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	/**
	 * This replica is stopping: every socket is closed with 1012, so its client
	 * reconnects (through the gateway, to another replica) and catches up; the stop waits
	 * a moment for the close frames to go out.
	 */
	@Override
	public void stop() {
		this.draining = true;
		// Told first, whatever order the context stops its beans in (this bean depends
		// on its listeners, so it is stopped before them).
		this.listeners.forEach(SocketListener::draining);
		int sockets = this.open.get();
		this.hub.forEach((socket) -> socket.connection().close(SocketCloseCodes.RESTARTING));
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (this.open.get() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		log.info("Stopping: told {} sockets to reconnect elsewhere; {} still open", sockets, this.open.get());
		this.running = false;
	}

	@Override
	public void destroy() {
		this.deadlines.shutdownNow();
		this.frames.dispose();
	}

}
