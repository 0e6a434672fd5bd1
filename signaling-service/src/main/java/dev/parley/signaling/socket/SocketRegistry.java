package dev.parley.signaling.socket;

import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.signaling.fanout.Broker;

import org.springframework.stereotype.Component;

/**
 * Attaches authenticated sockets to this node's {@link SessionHub} and detaches them. A
 * user's first socket here adds the node to the user's route ({@link Broker#hold}) before
 * its {@code auth} frame is answered, so anything published after the answer reaches it;
 * the last one removes it. A lock per user keeps an opening and a closing socket from
 * crossing (which would leave the user without a route). Then the {@link SocketListener}s
 * hear of it.
 */
@Component
class SocketRegistry {

	private static final Logger log = LoggerFactory.getLogger(SocketRegistry.class);

	private final Object[] locks = Stream.generate(Object::new).limit(64).toArray();

	private final SessionHub hub;

	private final Broker broker;

	private final SocketProperties properties;

	private final List<SocketListener> listeners;

	SocketRegistry(SessionHub hub, Broker broker, SocketProperties properties, List<SocketListener> listeners) {
		this.hub = hub;
		this.broker = broker;
		this.properties = properties;
		this.listeners = listeners;
	}

	/**
	 * Makes the socket deliverable, unless its user already holds as many sockets here as
	 * one may.
	 */
	Attached attach(ClientSocket socket) {
		synchronized (lockFor(socket.userId())) {
			if (this.hub.count(socket.userId()) >= this.properties.maxSocketsPerUser()) {
				return Attached.REFUSED;
			}
			boolean first = this.hub.add(socket);
			if (first) {
				this.broker.hold(socket.userId());
			}
			return first ? Attached.FIRST : Attached.ANOTHER;
		}
	}

	/** Tells the listeners (presence, calls) once the socket has its answer. */
	void opened(ClientSocket socket, Attached attached) {
		this.listeners.forEach((listener) -> listener.opened(socket, attached == Attached.FIRST));
		log.debug("Socket {} opened for user {}", socket.id(), socket.userId());
	}

	void detach(ClientSocket socket) {
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

	/** This replica is stopping: the listeners hand over what they hold. */
	void draining() {
		this.listeners.forEach(SocketListener::draining);
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

	private Object lockFor(String userId) {
		return this.locks[Math.floorMod(userId.hashCode(), this.locks.length)];
	}

	enum Attached {

		/** The user's first socket on this node. */
		FIRST,

		/** The user had sockets here already. */
		ANOTHER,

		/** The user holds {@code max-sockets-per-user} sockets here. */
		REFUSED

	}

}
