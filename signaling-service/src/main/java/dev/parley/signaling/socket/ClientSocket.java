package dev.parley.signaling.socket;

import tools.jackson.databind.json.JsonMapper;

/**
 * One authenticated socket as the rest of the service sees it: whose it is, its id
 * (unique across replicas, so an answer can find it), its newest token, and a way to
 * write to it that never waits for the client.
 */
public final class ClientSocket {

	private final String userId;

	private final String id;

	private volatile String token;

	private final Connection connection;

	private final JsonMapper json;

	ClientSocket(String userId, String id, String token, Connection connection, JsonMapper json) {
		this.userId = userId;
		this.id = id;
		this.token = token;
		this.connection = connection;
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
		this.connection.send(frame);
	}

	Connection connection() {
		return this.connection;
	}

}
