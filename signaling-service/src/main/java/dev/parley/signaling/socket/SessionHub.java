package dev.parley.signaling.socket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.platform.protocol.CloseCode;
import dev.parley.signaling.fanout.Broker;

import org.springframework.stereotype.Component;

/**
 * The sockets of this node only, by user (a user may have several devices). Delivery
 * across nodes goes through the {@link dev.parley.signaling.fanout.Broker}, which calls
 * {@link #deliver} on the nodes that hold the user's sockets.
 */
@Component
public class SessionHub implements Broker.Inbound {

	private final Map<String, Set<ClientSocket>> sockets = new ConcurrentHashMap<>();

	/** Registers a socket; returns whether it is the user's first on this node. */
	boolean add(ClientSocket socket) {
		boolean[] first = { false };
		this.sockets.compute(socket.userId(), (id, set) -> {
			Set<ClientSocket> result = (set != null) ? set : ConcurrentHashMap.newKeySet();
			first[0] = result.isEmpty();
			result.add(socket);
			return result;
		});
		return first[0];
	}

	/** Forgets a socket; returns whether it was the user's last one on this node. */
	boolean remove(ClientSocket socket) {
		boolean[] last = { false };
		this.sockets.computeIfPresent(socket.userId(), (id, set) -> {
			set.remove(socket);
			last[0] = set.isEmpty();
			return set.isEmpty() ? null : set;
		});
		return last[0];
	}

	/**
	 * Writes a frame to every socket of the user on this node, or only to socket
	 * {@code socketId} when given, or to all but one ({@code "!" + socketId}, see
	 * {@link Broker.Delivery#allBut}).
	 */
	@Override
	public void deliver(String userId, String socketId, String frame) {
		Set<ClientSocket> targets = this.sockets.get(userId);
		if (targets == null) {
			return;
		}
		boolean allBut = socketId != null && socketId.startsWith(Broker.Delivery.ALL_BUT);
		String except = allBut ? socketId.substring(Broker.Delivery.ALL_BUT.length()) : null;
		for (ClientSocket socket : targets) {
			if (socketId == null || (allBut ? !except.equals(socket.id()) : socketId.equals(socket.id()))) {
				socket.send(frame);
			}
		}
	}

	void forEach(java.util.function.Consumer<ClientSocket> action) {
		this.sockets.values().forEach((sockets) -> sockets.forEach(action));
	}

	/** Closes every socket here; their clients reconnect and catch up. */
	@Override
	public void resync() {
		forEach((socket) -> socket.connection().close(CloseCode.RESYNC));
	}

	/** The users with at least one socket on this node. */
	@Override
	public List<String> users() {
		return List.copyOf(this.sockets.keySet());
	}

	/** How many sockets the user holds on this node. */
	int count(String userId) {
		Set<ClientSocket> held = this.sockets.get(userId);
		return (held != null) ? held.size() : 0;
	}

	/** Closes the user's sockets here that belong to one of the ended sessions. */
	void endSessions(String userId, java.util.Collection<String> sessions) {
		Set<ClientSocket> held = this.sockets.get(userId);
		if (held != null) {
			held.stream()
				.filter((socket) -> sessions.contains(socket.session()))
				.forEach((socket) -> socket.connection().close(CloseCode.SESSION_ENDED));
		}
	}

	public boolean hasLocal(String userId) {
		return this.sockets.containsKey(userId);
	}

}
