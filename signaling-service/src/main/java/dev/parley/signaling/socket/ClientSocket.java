package dev.parley.signaling.socket;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket as the rest of the service sees it: whose it is, its id (unique across
 * replicas, so an answer can find it), the token it was opened with, and a way to write
 * to it that never collides with deliveries.
 */
public final class ClientSocket {

	private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

	private final String userId;

	private final String id;

	private volatile String token;

	private final WebSocketSession session;

	private final JsonMapper json;

	ClientSocket(String userId, String id, String token, WebSocketSession session, JsonMapper json) {
		this.userId = userId;
		this.id = id;
		this.token = token;
		this.session = session;
		this.json = json;
	}

	public String userId() {
		return this.userId;
	}

	public String id() {
		return this.id;
	}

	/** The socket's newest access token (valid while the socket is open). */
	public String token() {
		return this.token;
	}

	void renew(String token) {
		this.token = token;
	}

	public void send(Frame frame) {
		send(this.json.writeValueAsString(frame));
	}

	void send(String frame) {
		send(this.session, frame, this.id);
	}

	static void send(WebSocketSession session, String frame, String socketId) {
		try {
			if (session.isOpen()) {
				session.sendMessage(new TextMessage(frame));
			}
		}
		catch (IOException | RuntimeException ex) {
			// A slow device over its buffer is cut off; the user's other sockets go on.
			log.debug("Dropping a frame for a failing socket {}: {}", socketId, ex.getMessage());
		}
	}

	WebSocketSession session() {
		return this.session;
	}

}
