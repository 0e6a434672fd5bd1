package dev.parley.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.parley.embedded.MailCatcher;
import dev.parley.testsupport.TestHttp.Reply;
import dev.parley.testsupport.TestHttp;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The account API over real HTTP, as a client uses it, for the integration tests.
 */
public final class AuthApi {

	public static final String PASSWORD = "correct horse battery";

	private final TestHttp http;

	private final MailCatcher mail;

	public AuthApi(TestHttp http, MailCatcher mail) {
		this.http = http;
		this.mail = mail;
	}

	public Reply post(String path, Object body) {
		return post(path, body, null);
	}

	public Reply post(String path, Object body, String accessToken) {
		return post(path, body, accessToken, null);
	}

	/**
	 * {@code clientAddress}: the client's address as the gateway forwards it (in
	 * {@code X-Forwarded-For}, which auth-service trusts from loopback only).
	 */
	public Reply post(String path, Object body, String accessToken, String clientAddress) {
		return postWith(path, body, (h) -> {
			if (accessToken != null) {
				h.setBearerAuth(accessToken);
			}
			if (clientAddress != null) {
				h.set("X-Forwarded-For", clientAddress);
			}
		});
	}

	public Reply postWith(String path, Object body, java.util.function.Consumer<HttpHeaders> headers) {
		return this.http.call(HttpMethod.POST, path, body, headers);
	}

	/** A new user's details, unique per call. */
	public static NewUser newUser() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new NewUser("user." + id + "@example.org", "user_" + id, "User " + id);
	}

	public Reply signup(NewUser user) {
		return post("/api/auth/signup", Map.of("email", user.email(), "username", user.username(), "displayName",
				user.displayName(), "password", PASSWORD));
	}

	/** Signs up, reads the code out of the mail, verifies: a signed-in new account. */
	public Reply register(NewUser user) {
		int seen = this.mail.mailsTo(user.email()).size();
		Reply signup = signup(user);
		if (signup.status() != 202) {
			throw new IllegalStateException("sign-up failed: " + signup.body());
		}
		String code = this.mail.awaitCode(user.email(), seen, Duration.ofSeconds(10));
		return verify(user.email(), signup.text("signupId"), code);
	}

	public Reply verify(String email, String signupId, String code) {
		return post("/api/auth/signup/verify", Map.of("email", email, "code", code, "signupId", signupId));
	}

	public Reply login(String login, String password) {
		return post("/api/auth/login", Map.of("login", login, "password", password));
	}

	public Reply loginFrom(String clientAddress, String login, String password) {
		return post("/api/auth/login", Map.of("login", login, "password", password), null, clientAddress);
	}

	public record NewUser(String email, String username, String displayName) {
	}

}
