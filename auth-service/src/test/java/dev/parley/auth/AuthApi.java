package dev.parley.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.embedded.MailCatcher;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The account API over real HTTP, as a client uses it, for the integration tests.
 */
public final class AuthApi {

	public static final String PASSWORD = "correct horse battery";

	private final RestClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final MailCatcher mail;

	public AuthApi(int port, MailCatcher mail) {
		// The JDK client: it never retries on its own (Apache's would sleep out a
		// Retry-After).
		this.http = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		this.mail = mail;
	}

	public Response post(String path, Object body) {
		return post(path, body, null);
	}

	public Response post(String path, Object body, String accessToken) {
		return post(path, body, accessToken, null);
	}

	/**
	 * {@code clientAddress}: the client's address as the gateway forwards it (in
	 * {@code X-Forwarded-For}, which auth-service trusts from loopback only).
	 */
	public Response post(String path, Object body, String accessToken, String clientAddress) {
		return postWith(path, body, (h) -> {
			if (accessToken != null) {
				h.setBearerAuth(accessToken);
			}
			if (clientAddress != null) {
				h.set("X-Forwarded-For", clientAddress);
			}
		});
	}

	public Response postWith(String path, Object body, java.util.function.Consumer<HttpHeaders> headers) {
		ResponseEntity<String> response = this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers)
			.body(body)
			.retrieve()
			.toEntity(String.class);
		String text = response.getBody();
		return new Response(response.getStatusCode().value(), text,
				(text == null || text.isBlank()) ? null : this.json.readTree(text),
				response.getHeaders().getFirst("Retry-After"), response.getHeaders().getOrEmpty("Set-Cookie"));
	}

	/** A new user's details, unique per call. */
	public static NewUser newUser() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new NewUser("user." + id + "@example.org", "user_" + id, "User " + id);
	}

	public Response signup(NewUser user) {
		return post("/api/auth/signup", Map.of("email", user.email(), "username", user.username(), "displayName",
				user.displayName(), "password", PASSWORD));
	}

	/** Signs up, reads the code out of the mail, verifies: a signed-in new account. */
	public Response register(NewUser user) {
		int seen = this.mail.mailsTo(user.email()).size();
		Response signup = signup(user);
		if (signup.status() != 202) {
			throw new IllegalStateException("sign-up failed: " + signup.body());
		}
		String code = this.mail.awaitCode(user.email(), seen, Duration.ofSeconds(10));
		return verify(user.email(), signup.text("signupId"), code);
	}

	public Response verify(String email, String signupId, String code) {
		return post("/api/auth/signup/verify", Map.of("email", email, "code", code, "signupId", signupId));
	}

	public Response login(String login, String password) {
		return post("/api/auth/login", Map.of("login", login, "password", password));
	}

	public Response loginFrom(String clientAddress, String login, String password) {
		return post("/api/auth/login", Map.of("login", login, "password", password), null, clientAddress);
	}

	public record NewUser(String email, String username, String displayName) {
	}

	public record Response(int status, String body, JsonNode json, String retryAfter,
			java.util.List<String> setCookies) {

		public String text(String field) {
			JsonNode node = this.json.get(field);
			return (node == null || node.isNull()) ? null : node.asString();
		}

		public String code() {
			return text("code");
		}

	}

}
