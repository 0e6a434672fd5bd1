package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.parley.e2e.Accounts.Session;
import dev.parley.testsupport.SocketClient;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random and hostile input (jqwik's generators) for every JSON body and query the API
 * takes, and for every socket frame type, through the gateway: the answer is always a 2xx
 * or a 4xx problem with a code, never a 500; a socket answers every frame with an
 * {@code ack} or an {@code error} that is not {@code INTERNAL_ERROR}, stays open, and
 * nobody else's socket notices. Inputs that failed are printed, to be replayed.
 */
@ExtendWith(E2eSuite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzE2EIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Requests per authenticated endpoint (the per-user limits allow these in a minute).
	 */
	static final int SAMPLES = 25;

	/** Per public endpoint: the per-address limits allow about this many. */
	static final int PUBLIC_SAMPLES = 8;

	final String gateway = E2eSuite.gateway();

	final Accounts accounts = new Accounts(this.gateway, E2eSuite.mail());

	Session fuzzer;

	Session friend;

	String direct;

	String group;

	String messageId;

	List<String> knownIds;

	@BeforeAll
	void fixtures() throws Exception {
		this.fuzzer = this.accounts.signIn(this.accounts.register("fuzz"));
		this.friend = this.accounts.signIn(this.accounts.register("fuzzfriend"));
		this.accounts.befriend(this.fuzzer, this.friend);
		this.direct = this.accounts.direct(this.fuzzer, this.friend);
		this.group = this.accounts.json(this.accounts.call(this.fuzzer, "POST", "/api/conversations",
				"{\"title\":\"F\",\"memberIds\":[\"%s\"]}".formatted(this.friend.id())))
			.get("id")
			.asString();
		this.messageId = this.accounts
			.json(this.accounts.call(this.fuzzer, "POST", "/api/conversations/" + this.direct + "/messages",
					"{\"clientMessageId\":\"%s\",\"text\":\"x\"}".formatted(UUID.randomUUID())))
			.get("id")
			.asString();
		this.knownIds = List.of(this.fuzzer.id(), this.friend.id(), this.direct, this.group, this.messageId);
	}

	@Test
	void everyJsonBodyAndQueryGetsA2xxOrA4xxProblemNeverA500() throws Exception {
		Map<String, List<String>> authenticated = new LinkedHashMap<>();
		authenticated.put("POST /api/conversations/direct", List.of("userId"));
		authenticated.put("POST /api/conversations", List.of("title", "memberIds"));
		authenticated.put("PATCH /api/conversations/" + this.group, List.of("title", "newMembersSeeHistory"));
		authenticated.put("POST /api/conversations/" + this.group + "/members", List.of("userIds"));
		authenticated.put("POST /api/conversations/" + this.direct + "/messages",
				List.of("clientMessageId", "text", "attachmentIds"));
		authenticated.put("POST /api/conversations/" + this.direct + "/read", List.of("messageId"));
		authenticated.put("PATCH /api/users/me", List.of("displayName", "bio", "avatarMediaId"));
		authenticated.put("POST /api/friend-requests", List.of("userId"));
		authenticated.put("POST /api/auth/password/change", List.of("currentPassword", "newPassword"));
		Map<String, List<String>> anonymous = new LinkedHashMap<>();
		anonymous.put("POST /api/auth/signup", List.of("email", "username", "displayName", "password"));
		anonymous.put("POST /api/auth/signup/verify", List.of("email", "code", "signupId"));
		anonymous.put("POST /api/auth/otp/resend", List.of("email", "purpose", "signupId"));
		anonymous.put("POST /api/auth/login", List.of("login", "password"));
		anonymous.put("POST /api/auth/refresh", List.of("refreshToken"));
		anonymous.put("POST /api/auth/password/reset", List.of("email", "code", "newPassword"));

		List<String> failures = new ArrayList<>();
		HttpClient client = HttpClient.newHttpClient();
		for (var endpoint : authenticated.entrySet()) {
			for (String body : bodies(endpoint.getValue()).sampleStream().limit(SAMPLES).toList()) {
				check(failures, client, endpoint.getKey(), body, this.fuzzer.token());
			}
		}
		// The public endpoints count per client address: this test is its own address.
		HttpClient anonymousClient = AttackE2EIT.from("127.0.5.1");
		for (var endpoint : anonymous.entrySet()) {
			for (String body : bodies(endpoint.getValue()).sampleStream().limit(PUBLIC_SAMPLES).toList()) {
				check(failures, anonymousClient, endpoint.getKey(), body, null);
			}
		}
		for (String query : strings().sampleStream().limit(SAMPLES).toList()) {
			String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
			check(failures, client, "GET /api/users?q=" + q + "&limit=" + q, null, this.fuzzer.token());
			check(failures, client, "GET /api/conversations/" + this.direct + "/messages?before=" + q + "&limit=" + q,
					null, this.fuzzer.token());
			check(failures, client, "GET /api/conversations/" + this.direct + "/messages?afterSeq=" + q, null,
					this.fuzzer.token());
		}
		// On one line: a build log's summary shows only the first line of a failure.
		assertThat(failures)
			.as("inputs answered with a 5xx or without a problem: %s",
					String.join(" | ", failures).replaceAll("\\s+", " "))
			.isEmpty();
	}

	@Test
	void everySocketFrameIsAnsweredWithoutAnInternalErrorAndNoSocketDies() throws Exception {
		String base = this.gateway.replaceFirst("^http", "ws");
		SocketClient socket = SocketClient.connect(base, this.fuzzer.token());
		SocketClient bystander = SocketClient.connect(base, this.friend.token());
		List<String> types = List.of("auth", "typing", "message.send", "message.delete", "message.read", "call.invite",
				"call.accept", "call.reject", "call.cancel", "call.hangup", "call.media", "call.offer", "call.answer",
				"call.ice", "teleport");
		List<String> failures = new ArrayList<>();
		for (String garbage : strings().sampleStream().limit(10).toList()) {
			socket.send(garbage.isEmpty() ? " " : garbage);
		}
		int n = 0;
		for (String type : types) {
			for (String data : json(List.of("conversationId", "clientMessageId", "text", "messageId", "scope", "active",
					"callId", "media", "token", "sdp", "candidate", "reason"))
				.sampleStream()
				.limit(6)
				.toList()) {
				String id = "f" + (n++);
				String frame = "{\"type\":" + JSON.writeValueAsString(type) + ",\"id\":\"" + id + "\",\"data\":" + data
						+ "}";
				JsonNode answer = answered(socket, frame, id);
				// UNAVAILABLE too: nothing is down here, so a command that cannot be
				// carried
				// out (e.g. one that jams a consumer) would show as that.
				if (List.of("INTERNAL_ERROR", "UNAVAILABLE").contains(answer.at("/data/code").asString(""))) {
					failures.add(frame + " -> " + answer);
				}
			}
		}
		JsonNode still = answered(socket, "{\"type\":\"teleport\",\"id\":\"after\"}", "after");
		assertThat(still.at("/data/code").asString()).as("the socket still answers").isEqualTo("UNKNOWN_TYPE");
		bystander.send("{\"type\":\"ping\",\"id\":\"alive\"}");
		assertThat(bystander.expect("pong").path("id").asString()).isEqualTo("alive");
		assertThat(failures).isEmpty();
		socket.close();
		bystander.close();
	}

	/**
	 * Sends the frame and returns its answer; a frame refused as sent too fast goes again
	 * every {@code retryAfterMs} (the server's own instruction, as the app follows it)
	 * until it is taken, for 30 s at most.
	 */
	private static JsonNode answered(SocketClient socket, String frame, String id) throws InterruptedException {
		JsonNode[] answer = { send(socket, frame, id) };
		if (!rateLimited(answer[0])) {
			return answer[0];
		}
		Duration retryAfter = Duration.ofMillis(answer[0].at("/data/retryAfterMs").asLong());
		await().atMost(Duration.ofSeconds(30))
			.pollInSameThread()
			.pollDelay(retryAfter)
			.pollInterval(retryAfter)
			.until(() -> !rateLimited(answer[0] = send(socket, frame, id)));
		return answer[0];
	}

	private static JsonNode send(SocketClient socket, String frame, String id) throws InterruptedException {
		socket.send(frame);
		return socket.answerTo(id);
	}

	private static boolean rateLimited(JsonNode answer) {
		return answer.at("/data/code").asString("").equals("RATE_LIMITED");
	}

	private void check(List<String> failures, HttpClient client, String endpoint, String body, String token)
			throws Exception {
		String[] parts = endpoint.split(" ", 2);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + parts[1]))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(parts[0],
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		int status = response.statusCode();
		boolean problem = response.headers().firstValue("Content-Type").orElse("").contains("problem+json")
				&& response.body().contains("\"code\"");
		if (status >= 500 || (status >= 400 && !problem)) {
			String answer = response.body();
			failures.add("%s %s -> %d %s".formatted(endpoint, shortened(body), status, shortened(answer)));
		}
	}

	private static String shortened(String text) {
		return (text == null || text.length() <= 300) ? text : text.substring(0, 300) + "…";
	}

	/**
	 * JSON texts for a body with these fields: mostly objects with some of them (and now
	 * and then a stranger field), each holding any kind of value; sometimes not an object
	 * at all, or not JSON.
	 */
	Arbitrary<String> bodies(List<String> fields) {
		Arbitrary<String> broken = Arbitraries.of("{", "{\"a\":", "[1,", "nul", "{\"a\":1}}", "\u0000", "");
		return Arbitraries.frequencyOf(Tuple.of(9, json(fields)), Tuple.of(1, broken));
	}

	/**
	 * Valid JSON for a body or a frame's data with these fields (see {@link #bodies}).
	 */
	Arbitrary<String> json(List<String> fields) {
		Arbitrary<String> objects = Arbitraries.subsetOf(fields)
			.flatMap((chosen) -> Arbitraries.maps(Arbitraries.of(withStranger(chosen)), value(2))
				.ofMaxSize(chosen.size() + 1))
			.map(JSON::writeValueAsString);
		Arbitrary<String> others = value(2).map(JSON::writeValueAsString);
		return Arbitraries.frequencyOf(Tuple.of(8, objects), Tuple.of(1, others));
	}

	private static List<String> withStranger(java.util.Set<String> chosen) {
		List<String> names = new ArrayList<>(chosen);
		names.add("__proto__");
		return names;
	}

	/** Any JSON value, up to {@code depth} levels of arrays and objects. */
	Arbitrary<Object> value(int depth) {
		Arbitrary<Object> leaf = Arbitraries
			.oneOf(strings().map((s) -> (Object) s), Arbitraries.of(this.knownIds).map((s) -> (Object) s),
					Arbitraries.integers().map((i) -> (Object) i), Arbitraries.longs().map((l) -> (Object) l),
					Arbitraries.doubles().map((d) -> (Object) d), Arbitraries.of(true, false).map((b) -> (Object) b))
			.injectNull(0.1);
		if (depth == 0) {
			return leaf;
		}
		Arbitrary<Object> lists = value(depth - 1).list().ofMaxSize(4).map((l) -> (Object) l);
		Arbitrary<Object> maps = Arbitraries
			.maps(Arbitraries.strings().all().ofMaxLength(8).filter(FuzzE2EIT::encodable), value(depth - 1))
			.ofMaxSize(3)
			.map((m) -> (Object) m);
		return Arbitraries.frequencyOf(Tuple.of(6, leaf), Tuple.of(1, lists), Tuple.of(1, maps));
	}

	/** Hostile classics, mixed into the random strings. */
	static final List<String> HOSTILE = List.of("\u0000", "a\u0000b", "\u202Eexe.txt", "' OR 1=1 --",
			"<script>alert(1)</script>", "../../etc/passwd", "%00", "😀".repeat(40), "x".repeat(5000), "null", "-1",
			"9".repeat(30), "ADMIN", "everyone", "SIGNUP", "PASSWORD_RESET", "00000000-0000-0000-0000-000000000000");

	/** Text an attacker would try, and anything at all. */
	static Arbitrary<String> strings() {
		return Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.strings().all().ofMaxLength(80).filter(FuzzE2EIT::encodable)),
				Tuple.of(1, Arbitraries.of(HOSTILE)));
	}

	/** Text that is valid UTF-16 (a lone surrogate cannot even be sent). */
	static boolean encodable(String text) {
		return StandardCharsets.UTF_8.newEncoder().canEncode(text);
	}

}
