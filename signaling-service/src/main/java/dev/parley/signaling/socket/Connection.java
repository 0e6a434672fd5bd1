package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import dev.parley.platform.protocol.CloseCode;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket connection, authenticated or not: its queue of outgoing frames, the
 * deadline that closes it (auth timeout, then token expiry), and the {@link ClientSocket}
 * once it has authenticated. Anyone may write at any time without waiting: frames queue
 * here and go out as the client reads them; a client that falls {@code maxQueued} frames
 * behind is closed with 4008, so it never holds up anyone else.
 */
final class Connection {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	private final WebSocketSession session;

	private final int maxQueued;

	private final Sinks.Many<String> output = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<String>unbounded(16).get());

	private final AtomicInteger queued = new AtomicInteger();

	private final Sinks.Empty<Void> cut = Sinks.empty();

	private final AtomicBoolean closing = new AtomicBoolean();

	private volatile ClientSocket socket;

	private volatile long lastHeardNanos = System.nanoTime();

	private ScheduledFuture<?> deadline;

	private final FrameBudget budget;

	Connection(WebSocketSession session, int maxQueued, FrameBudget budget) {
		this.session = session;
		this.maxQueued = maxQueued;
		this.budget = budget;
	}

	/** How many more frames the client may send now. */
	FrameBudget budget() {
		return this.budget;
	}

	/** The frames to write, as the client can take them. */
	Flux<WebSocketMessage> outbound() {
		return this.output.asFlux().doOnNext((frame) -> this.queued.decrementAndGet()).map(this.session::textMessage);
	}

	/** The client sent a frame (any frame keeps the socket from going idle). */
	void heard() {
		this.lastHeardNanos = System.nanoTime();
	}

	boolean silentFor(Duration idle) {
		return System.nanoTime() - this.lastHeardNanos > idle.toNanos();
	}

	/** Fails when the connection must end at once, whatever it is doing. */
	Mono<Void> cut() {
		return this.cut.asMono();
	}

	void send(String frame) {
		if (this.closing.get()) {
			return;
		}
		if (this.queued.incrementAndGet() > this.maxQueued) {
			this.queued.decrementAndGet();
			log.debug("Socket {} fell {} frames behind; closing it", this.session.getId(), this.maxQueued);
			close(CloseCode.TOO_SLOW);
			// A client that does not read will not read the close frame either: cut the
			// connection, so the socket leaves this node now and its queue is dropped.
			this.cut.tryEmitError(new IllegalStateException("client too slow"));
			return;
		}
		Sinks.EmitResult result;
		synchronized (this.output) {
			result = this.output.tryEmitNext(frame);
		}
		if (result.isFailure()) {
			// Closed meanwhile: the frame has nowhere to go.
			this.queued.decrementAndGet();
		}
	}

	void close(CloseCode code) {
		close(new CloseStatus(code.code(), code.reason()));
	}

	void close(CloseStatus status) {
		if (this.closing.compareAndSet(false, true)) {
			cancelDeadline();
			this.session.close(status)
				.subscribe(null, (ex) -> log.debug("Closing socket {}: {}", this.session.getId(), ex.getMessage()));
		}
	}

	/** The connection is over: no more frames, no deadline. */
	void finished() {
		this.closing.set(true);
		cancelDeadline();
		synchronized (this.output) {
			this.output.tryEmitComplete();
		}
	}

	synchronized void deadline(ScheduledFuture<?> next) {
		if (this.deadline != null) {
			this.deadline.cancel(false);
		}
		this.deadline = next;
		if (this.closing.get()) {
			next.cancel(false);
		}
	}

	private synchronized void cancelDeadline() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
		}
	}

	ClientSocket socket() {
		return this.socket;
	}

	void authenticated(ClientSocket socket) {
		this.socket = socket;
	}

	String id() {
		return this.session.getId();
	}

}
