package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
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

import dev.parley.platform.protocol.CloseCode;
import dev.parley.signaling.fanout.Broker;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The {@code /ws} endpoint on Reactor Netty: an idle socket costs a few objects, no
 * thread and no buffer. It admits sockets (a replica that cannot deliver, is stopping, or
 * holds {@code maxSockets} refuses new ones with a retryable close code), runs each
 * socket's frames one after another off the event loop (a handler may block) through the
 * {@link FrameDispatcher}, closes sockets gone silent, and at a stop tells every socket
 * to reconnect elsewhere. Authentication is the {@link SocketAuthenticator}'s, the
 * attaching to this node the {@link SocketRegistry}'s.
 */
@Component
@EnableConfigurationProperties(SocketProperties.class)
class SocketEndpoint implements WebSocketHandler, SmartLifecycle, DisposableBean {

	/** How long a stopping replica waits for its sockets to take their close frames. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);

	/**
	 * Where frames are handled: a pool of platform threads with one shared queue, since a
	 * handler may block (Redis, a call to another service). Any free thread takes the
	 * next task, so one slow task never holds up frames queued behind it on the same
	 * thread; each socket's frames still go one after another (see {@link #handle}).
	 */
	private final Scheduler frames = Schedulers.fromExecutorService(
			Executors.newFixedThreadPool(32, Thread.ofPlatform().daemon().name("socket-frames-", 0).factory()),
			"socket-frames");

	private final AtomicInteger open = new AtomicInteger();

	private volatile boolean running;

	/** Stopping: sockets are told to reconnect elsewhere, and new ones are refused. */
	private volatile boolean draining;

	private final SocketProperties properties;

	private final SessionHub hub;

	private final Broker broker;

	private final SocketAuthenticator authenticator;

	private final FrameDispatcher dispatcher;

	private final SocketRegistry registry;

	SocketEndpoint(SocketProperties properties, SessionHub hub, Broker broker, SocketAuthenticator authenticator,
			FrameDispatcher dispatcher, SocketRegistry registry, Deadlines deadlines, MeterRegistry meters) {
		this.properties = properties;
		this.hub = hub;
		this.broker = broker;
		this.authenticator = authenticator;
		this.dispatcher = dispatcher;
		this.registry = registry;
		Gauge.builder("parley.sockets.open", this.open, AtomicInteger::get)
			.description("Sockets open on this replica, authenticated or not")
			.register(meters);
		deadlines.every(properties.idleTimeout().dividedBy(4), this::closeIdle);
	}

	/** Closes sockets that went silent: their clients stopped pinging, or vanished. */
	private void closeIdle() {
		this.hub.forEach((socket) -> {
			if (socket.connection().silentFor(this.properties.idleTimeout())) {
				socket.connection().close(CloseCode.IDLE);
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
			return close(session, CloseCode.RESTARTING);
		}
		if (!this.broker.deliverable()) {
			return close(session, CloseCode.UNAVAILABLE);
		}
		if (this.open.incrementAndGet() > this.properties.maxSockets()) {
			this.open.decrementAndGet();
			return close(session, CloseCode.FULL);
		}
		Connection connection = new Connection(session, this.properties.maxQueuedFrames(),
				new FrameBudget(this.properties.rates()));
		// The socket is registered (or its auth deadline set) off the event loop; frames
		// are read from the start and each waits for that, then for the one before it.
		Mono<Void> started = session.getHandshakeInfo()
			.getPrincipal()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.publishOn(this.frames)
			.doOnNext((principal) -> this.authenticator.begin(connection, principal.orElse(null)))
			.then()
			.cache();
		Flux<Void> frames = session.receive()
			.map(WebSocketMessage::getPayloadAsText)
			.doOnNext((text) -> connection.heard())
			.concatMap((text) -> started.then(
					Mono.<Void>fromRunnable(() -> this.dispatcher.dispatch(connection, text)).subscribeOn(this.frames)),
					1);
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

	private static Mono<Void> close(WebSocketSession session, CloseCode code) {
		return session.close(new CloseStatus(code.code(), code.reason()));
	}

	private void closed(Connection connection) {
		this.open.decrementAndGet();
		ClientSocket socket = connection.socket();
		if (socket != null) {
			this.registry.detach(socket);
		}
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
		this.registry.draining();
		int sockets = this.open.get();
		this.hub.forEach((socket) -> socket.connection().close(CloseCode.RESTARTING));
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
		this.frames.dispose();
	}

}
