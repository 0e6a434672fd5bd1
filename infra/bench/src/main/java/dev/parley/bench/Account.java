package dev.parley.bench;

/**
 * A provisioned user: what {@code users.json} keeps (e-mail, username, password, id), and
 * the current tokens, which it does not keep.
 */
final class Account {

	final String email;

	final String username;

	final String password;

	volatile String id;

	volatile String accessToken;

	volatile String refreshToken;

	/** {@link System#nanoTime()} when the access token was issued. */
	volatile long tokenNanos;

	Account(String email, String username, String password, String id) {
		this.email = email;
		this.username = username;
		this.password = password;
		this.id = id;
	}

	void signedIn(tools.jackson.databind.JsonNode session) {
		if (session.has("user")) {
			this.id = session.path("user").path("id").asString();
		}
		this.accessToken = session.path("accessToken").asString();
		this.refreshToken = session.path("refreshToken").asString();
		this.tokenNanos = System.nanoTime();
	}

	@Override
	public String toString() {
		return this.username;
	}

}
