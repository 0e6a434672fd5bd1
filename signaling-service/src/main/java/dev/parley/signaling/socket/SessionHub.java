package dev.parley.signaling.socket;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The sockets of this node only, by user (a user may have several devices). Delivery
 * across nodes goes through the {@link dev.parley.signaling.fanout.Broker}, which calls
 * {@link #deliver} on the node that holds the user's sockets.
 */
@Component
public class SessionHub {

	private static final Logger log = LoggerFactory.getLogger(SessionHub.class);

	/** A slow client may hold this much unsent output before it is cut off. */
	private static final int SEND_BUFFER_BYTES = 512 * 1024;

	private final Map<String, Set<WebSocketSession>> sessions = new ConcurrentHashMap<>();

	/**
	 * Registers a socket; returns its thread-safe wrapper, and whether it is the user's
	 * first here.
	 */
	Added add(String userId, WebSocketSession session) {
		WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 10_000, SEND_BUFFER_BYTES);
		boolean[] first = { false };
		this.sessions.compute(userId, (id, set) -> {
			Set<WebSocketSession> result = (set != null) ? set : ConcurrentHashMap.newKeySet();
			first[0] = result.isEmpty();
			result.add(safe);
			return result;
		});
		return new Added(safe, first[0]);
	}

	/** Forgets a socket; returns whether it was the user's last one on this node. */
	boolean remove(String userId, WebSocketSession session) {
		boolean[] last = { false };
		this.sessions.computeIfPresent(userId, (id, set) -> {
			set.removeIf((s) -> s.getId().equals(session.getId()));
			last[0] = set.isEmpty();
			return set.isEmpty() ? null : set;
		});
		return last[0];
	}

	/** Sends a frame to every socket of the user on this node. */
	public void deliver(String userId, String frame) {
		Set<WebSocketSession> targets = this.sessions.get(userId);
		if (targets == null) {
			return;
		}
		TextMessage message = new TextMessage(frame);
		for (WebSocketSession session : targets) {
			try {
				if (session.isOpen()) {
					session.sendMessage(message);
				}
			}
			catch (IOException | RuntimeException ex) {
				// Includes a slow device over its buffer: it is cut off, the others still
				// get the frame.
				log.debug("Dropping a frame for a failing socket {}: {}", session.getId(), ex.getMessage());
			}
		}
	}

	public boolean hasLocal(String userId) {
		return this.sessions.containsKey(userId);
	}

	record Added(WebSocketSession session, boolean first) {
	}

}
