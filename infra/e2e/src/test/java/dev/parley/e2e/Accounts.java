package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.parley.bench.ClientAddresses;
import dev.parley.embedded.MailCatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates real accounts through the gateway (sign-up, the mailed code, verification).
 */
final class Accounts {

	static final String PASSWORD = "correct horse battery";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Test users come from many addresses, as real people do, so that the gateway's
	 * limits per client address (docs/security.md) meet many clients.
	 */
	private final ClientAddresses clients;

	private final String gateway;

	private final MailCatcher mail;

	Accounts(String gateway, MailCatcher mail) {
		this.gateway = gateway;
		this.mail = mail;
		this.clients = new ClientAddresses(gateway, 64);
	}

	User register(String prefix) throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		User user = new User(prefix + "." + id + "@example.org", prefix + "_" + id, prefix.toUpperCase() + " " + id);
		HttpResponse<String> signup = post("/api/auth/signup",
				"{\"email\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\",\"password\":\"%s\"}"
					.formatted(user.email(), user.username(), user.displayName(), PASSWORD));
		assertThat(signup.statusCode()).as(signup.body()).isEqualTo(202);
		String code = this.mail.awaitCode(user.email(), 0, Duration.ofSeconds(15));
		String signupId = JSON.readTree(signup.body()).get("signupId").asString();
		HttpResponse<String> verified = post("/api/auth/signup/verify",
				"{\"email\":\"%s\",\"code\":\"%s\",\"signupId\":\"%s\"}".formatted(user.email(), code, signupId));
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(201);
		return user;
	}

	/** Signs in over the API: the user's id and an access token. */
	Session signIn(User user) throws Exception {
		HttpResponse<String> login = post("/api/auth/login",
				"{\"login\":\"%s\",\"password\":\"%s\"}".formatted(user.username(), PASSWORD));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(login.body());
		return new Session(body.at("/user/id").asString(), body.get("accessToken").asString(), user);
	}

	/**
	 * Makes the two friends (each asks the other: the second request accepts the first).
	 */
	void befriend(Session a, Session b) throws Exception {
		// No retry: someone who just signed up can be found at once (ReadyE2EIT).
		HttpResponse<String> asked = call(a, "POST", "/api/friend-requests", "{\"userId\":\"" + b.id() + "\"}");
		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
		HttpResponse<String> accepted = call(b, "POST", "/api/friend-requests", "{\"userId\":\"" + a.id() + "\"}");
		assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 201);
	}

	/**
	 * The direct conversation of two friends (created by the first if need be): its id.
	 */
	String direct(Session a, Session b) throws Exception {
		HttpResponse<String> response = call(a, "POST", "/api/conversations/direct", "{\"userId\":\"" + b.id() + "\"}");
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		return json(response).get("id").asString();
	}

	/**
	 * New people, signed in, the first a friend of each of the others (so that the first
	 * may put them all in a group).
	 */
	List<Session> circle(String... prefixes) throws Exception {
		List<Session> sessions = new ArrayList<>();
		for (String prefix : prefixes) {
			sessions.add(signIn(register(prefix)));
		}
		for (Session other : sessions.subList(1, sessions.size())) {
			befriend(sessions.getFirst(), other);
		}
		return sessions;
	}

	/** Two new people, signed in, friends, and their direct conversation. */
	Traffic.Pair friends(String prefix) throws Exception {
		Session a = signIn(register(prefix));
		Session b = signIn(register(prefix));
		befriend(a, b);
		return new Traffic.Pair(a, b, direct(a, b));
	}

	/** A call through the gateway as the signed-in user. */
	HttpResponse<String> call(Session as, String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Authorization", "Bearer " + as.token())
			.header("Content-Type", "application/json")
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return this.clients.next().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	HttpResponse<String> post(String path, String json) throws Exception {
		return this.clients.next()
			.send(HttpRequest.newBuilder(URI.create(this.gateway + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	record User(String email, String username, String displayName) {
	}

	record Session(String id, String token, User user) {
	}

}
