package dev.parley.e2e;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.parley.e2e.Accounts.Session;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of docs/security.md, tried through the gateway as an attacker would meet
 * Parley: every endpoint with the owner's, a stranger's and bad credentials; throttles
 * that a forged header cannot escape and that do not lock out the owner; the edge and
 * socket limits; and a session that ends while its token and socket are in use. Each
 * attacker comes from its own loopback address (all of 127.0.0.0/8 reaches the gateway).
 */
@ExtendWith(E2eSuite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackE2EIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String gateway = E2eSuite.gateway();

	final String socketBase = this.gateway.replaceFirst("^http", "ws");

	final Accounts accounts = new Accounts(this.gateway, E2eSuite.mail());

	Session ada;

	Session bo;

	Session stranger;

	String direct;

	String group;

	String messageId;

	String requestId;

	@BeforeAll
	void fixtures() throws Exception {
		this.ada = this.accounts.signIn(this.accounts.register("ada"));
		this.bo = this.accounts.signIn(this.accounts.register("bo"));
		this.stranger = this.accounts.signIn(this.accounts.register("eve"));
		Session di = this.accounts.signIn(this.accounts.register("di"));
		this.accounts.befriend(this.ada, this.bo);
		this.direct = this.accounts.direct(this.ada, this.bo);
		this.messageId = body(this.accounts.call(this.ada, "POST", "/api/conversations/" + this.direct + "/messages",
				"{\"clientMessageId\":\"%s\",\"text\":\"hi\"}".formatted(UUID.randomUUID())))
			.get("id")
			.asString();
		this.group = body(this.accounts.call(this.ada, "POST", "/api/conversations",
				"{\"title\":\"G\",\"memberIds\":[\"%s\"]}".formatted(this.bo.id())))
			.get("id")
			.asString();
		this.requestId = body(
				this.accounts.call(this.ada, "POST", "/api/friend-requests", "{\"userId\":\"%s\"}".formatted(di.id())))
			.get("id")
			.asString();
	}

	/** One endpoint; what the owner (a member) and a stranger get. */
	record Probe(String method, String path, String body, int owner, int stranger) {
	}

	List<Probe> probes() {
		String conversation = "/api/conversations/" + this.direct;
		String send = "{\"clientMessageId\":\"%s\",\"text\":\"x\"}";
		return List.of(new Probe("GET", "/api/users/me", null, 200, 200),
				new Probe("GET", "/api/friends", null, 200, 200), new Probe("GET", "/api/blocks", null, 200, 200),
				new Probe("GET", "/api/conversations", null, 200, 200), new Probe("GET", conversation, null, 200, 403),
				new Probe("GET", conversation + "/messages", null, 200, 403),
				new Probe("GET", conversation + "/members", null, 200, 403),
				new Probe("POST", conversation + "/messages", send, 201, 403),
				new Probe("POST", conversation + "/read", "{\"messageId\":\"" + this.messageId + "\"}", 204, 403),
				new Probe("DELETE", conversation + "/messages/" + this.messageId + "?scope=me", null, 204, 403),
				new Probe("PATCH", "/api/conversations/" + this.group, "{\"title\":\"Renamed\"}", 200, 403),
				new Probe("POST", "/api/conversations/" + this.group + "/members",
						"{\"userIds\":[\"" + this.bo.id() + "\"]}", 200, 403),
				new Probe("POST", "/api/friend-requests/" + this.requestId + "/accept", null, 403, 404),
				new Probe("GET", "/api/rtc/ice-servers", null, 200, 200));
	}

	@Test
	void everyEndpointServesItsOwnerRefusesAStrangerAndRefusesBadCredentialsAtTheEdge() throws Exception {
		Session ended = endedSession();
		TestTokens tokens = TestTokens.get();
		List<String> failures = new ArrayList<>();
		for (Probe probe : probes()) {
			String body = (probe.body() != null) ? probe.body().formatted(UUID.randomUUID()) : null;
			expect(failures, probe, "owner", this.ada.token(), body, probe.owner());
			expect(failures, probe, "stranger", this.stranger.token(), body, probe.stranger());
			expect(failures, probe, "no token", null, body, 401);
			expect(failures, probe, "expired", tokens.expired(this.ada.id()), body, 401);
			expect(failures, probe, "unsigned", tokens.unsigned(this.ada.id()), body, 401);
			expect(failures, probe, "another user's claims", tokens.tampered(this.stranger.id(), this.ada.id()), body,
					401);
			expect(failures, probe, "refresh token as access token", this.refreshToken, body, 401);
			expect(failures, probe, "ended session", ended.token(), body, 401);
		}
		assertThat(failures).isEmpty();
		// A member who is not the sender (or an admin) cannot delete for everyone.
		assertThat(this.accounts
			.call(this.bo, "DELETE",
					"/api/conversations/" + this.direct + "/messages/" + this.messageId + "?scope=everyone", null)
			.statusCode()).isEqualTo(403);
		for (String path : List.of("/api/auth/logout-all", "/api/auth/password/change")) {
			assertThat(send(HttpClient.newHttpClient(), "POST", path, null, "{}").statusCode()).as(path).isEqualTo(401);
		}
	}

	String refreshToken;

	/** Signs Ada in again and out: the access token of that ended session. */
	private Session endedSession() throws Exception {
		JsonNode login = body(this.accounts.post("/api/auth/login",
				"{\"login\":\"%s\",\"password\":\"%s\"}".formatted(this.ada.user().username(), Accounts.PASSWORD)));
		this.refreshToken = login.get("refreshToken").asString();
		HttpResponse<String> logout = this.accounts.post("/api/auth/logout",
				"{\"refreshToken\":\"" + this.refreshToken + "\"}");
		assertThat(logout.statusCode()).isEqualTo(204);
		return new Session(this.ada.id(), login.get("accessToken").asString(), this.ada.user());
	}

	private void expect(List<String> failures, Probe probe, String who, String token, String body, int status)
			throws Exception {
		HttpResponse<String> response = send(HttpClient.newHttpClient(), probe.method(), probe.path(), token, body);
		if (response.statusCode() != status) {
			failures.add("%s %s as %s: %d, expected %d: %s".formatted(probe.method(), probe.path(), who,
					response.statusCode(), status, response.body()));
		}
		else if (status >= 400 && !response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
			failures.add("%s %s as %s: not problem+json".formatted(probe.method(), probe.path(), who));
		}
	}

	@Test
	void aForgedForwardedForNeitherEscapesTheThrottleNorLocksOutEveryoneElse() throws Exception {
		HttpClient guesser = from("127.0.4.1");
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> guess = login(guesser, "nobody_" + i, "guess", "198.51.100." + i);
			assertThat(guess.statusCode()).as(guess.body()).isEqualTo(401);
		}
		HttpResponse<String> slowed = login(guesser, "nobody_x", "guess", "203.0.113.99");
		assertThat(slowed.statusCode()).isEqualTo(429);
		assertThat(slowed.headers().firstValue("Retry-After")).isPresent();

		assertThat(login(from("127.0.4.2"), this.bo.user().username(), Accounts.PASSWORD, null).statusCode())
			.as("someone else, elsewhere")
			.isEqualTo(200);
	}

	@Test
	void aStrangerGuessingSomeonesPasswordDoesNotLockTheOwnerOut() throws Exception {
		Accounts.User victim = this.accounts.register("victim");
		HttpClient guesser = from("127.0.4.3");
		for (int i = 0; i < 6; i++) {
			login(guesser, victim.username(), "guess " + i, null);
		}
		assertThat(login(guesser, victim.username(), Accounts.PASSWORD, null).statusCode()).isEqualTo(429);
		assertThat(login(from("127.0.4.4"), victim.username(), Accounts.PASSWORD, null).statusCode()).isEqualTo(200);
	}

	@Test
	void theEdgeLimitsRequestsPerAddressAndPerUserAndCapsBodies() throws Exception {
		// Codes asked for 60 different e-mails (each e-mail's own limit never bites) from
		// one
		// address: the 61st in ten minutes is refused at the edge.
		HttpClient flooder = from("127.0.4.5");
		String forgot = "{\"email\":\"nobody.%d.%s@example.org\"}";
		for (int i = 0; i < 60; i++) {
			assertThat(send(flooder, "POST", "/api/auth/password/forgot", null, forgot.formatted(i, UUID.randomUUID()))
				.statusCode()).isEqualTo(202);
		}
		HttpResponse<String> limited = send(flooder, "POST", "/api/auth/password/forgot", null,
				forgot.formatted(60, UUID.randomUUID()));
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(body(limited).get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(body(limited).get("limit").asString()).isEqualTo("codes");
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);

		Session searcher = this.accounts.signIn(this.accounts.register("searcher"));
		int status = 0;
		for (int i = 0; i < 61 && status != 429; i++) {
			status = this.accounts.call(searcher, "GET", "/api/users?q=ada", null).statusCode();
		}
		assertThat(status).as("the 61st search of one user in a minute").isEqualTo(429);

		HttpResponse<String> huge = this.accounts.call(this.ada, "POST", "/api/conversations",
				"{\"title\":\"" + "x".repeat(70_000) + "\",\"memberIds\":[]}");
		assertThat(huge.statusCode()).isEqualTo(413);
		assertThat(body(huge).get("code").asString()).isEqualTo("BODY_TOO_LARGE");

		HttpResponse<String> inUrl = send(HttpClient.newHttpClient(), "GET",
				"/api/users/me?access_token=" + this.ada.token(), null, null);
		assertThat(inUrl.statusCode()).isEqualTo(400);
		assertThat(body(inUrl).get("code").asString()).isEqualTo("TOKEN_IN_URL");
	}

	@Test
	void aSocketThatFloodsIsRefusedThenClosedWhileOthersGoOn() throws Exception {
		SocketClient flooder = SocketClient.connect(this.socketBase, this.ada.token());
		SocketClient other = SocketClient.connect(this.socketBase, this.bo.token());
		String typing = "{\"type\":\"typing\",\"id\":\"t%d\",\"data\":{\"conversationId\":\"" + this.direct
				+ "\",\"active\":true}}";
		for (int i = 0; i < 3; i++) {
			flooder.send(typing.formatted(i));
			assertThat(flooder.answerTo("t" + i).path("type").asString()).isEqualTo("ack");
		}
		flooder.send(typing.formatted(3));
		JsonNode refused = flooder.answerTo("t3");
		assertThat(refused.at("/data/code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(refused.at("/data/retryAfterMs").asLong()).isPositive();
		for (int i = 4; i < 150; i++) {
			flooder.send(typing.formatted(i));
		}
		assertThat(flooder.closeCode(Duration.ofSeconds(10))).isEqualTo(4009);

		other.send("{\"type\":\"ping\",\"id\":\"alive\"}");
		assertThat(other.expect("pong").path("id").asString()).isEqualTo("alive");
		other.close();
	}

	@Test
	void whenASessionEndsItsTokenAndItsOpenSocketStopWorkingAtOnce() throws Exception {
		JsonNode login = body(this.accounts.post("/api/auth/login",
				"{\"login\":\"%s\",\"password\":\"%s\"}".formatted(this.bo.user().username(), Accounts.PASSWORD)));
		String access = login.get("accessToken").asString();
		SocketClient socket = SocketClient.connect(this.socketBase, access);
		socket.send("{\"type\":\"ping\",\"id\":\"p\"}");
		socket.expect("pong");
		SocketClient otherSession = SocketClient.connect(this.socketBase, this.bo.token());
		otherSession.send("{\"type\":\"ping\",\"id\":\"p\"}");
		otherSession.expect("pong");

		assertThat(this.accounts
			.post("/api/auth/logout", "{\"refreshToken\":\"" + login.get("refreshToken").asString() + "\"}")
			.statusCode()).isEqualTo(204);

		assertThat(socket.closeCode(Duration.ofSeconds(10))).isEqualTo(4500);
		assertThat(send(HttpClient.newHttpClient(), "GET", "/api/users/me", access, null).statusCode()).isEqualTo(401);
		otherSession.send("{\"type\":\"ping\",\"id\":\"still\"}");
		assertThat(otherSession.expect("pong").path("id").asString()).as("Bo's other session goes on")
			.isEqualTo("still");
		otherSession.close();
	}

	private HttpResponse<String> login(HttpClient client, String login, String password, String forwardedFor)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"login\":\"%s\",\"password\":\"%s\"}".formatted(login, password)));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor).header("X-Real-IP", forwardedFor);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(HttpClient client, String method, String path, String token, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A client that comes from this loopback address, as a separate machine would. */
	static HttpClient from(String address) throws Exception {
		return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
	}

	static JsonNode body(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isLessThan(500);
		return JSON.readTree(response.body());
	}

}
