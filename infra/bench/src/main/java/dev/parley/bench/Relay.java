package dev.parley.bench;

import tools.jackson.databind.JsonNode;

/** Hands a socket's frames to whichever handler the current run uses. */
final class Relay implements Sock.Handler {

	private volatile Sock.Handler target;

	Relay(Sock.Handler target) {
		this.target = target;
	}

	void target(Sock.Handler target) {
		this.target = target;
	}

	@Override
	public void onFrame(Sock sock, String type, JsonNode frame, long receivedNanos) {
		this.target.onFrame(sock, type, frame, receivedNanos);
	}

	@Override
	public void onClosed(Sock sock, int code, String reason) {
		this.target.onClosed(sock, code, reason);
	}

}
