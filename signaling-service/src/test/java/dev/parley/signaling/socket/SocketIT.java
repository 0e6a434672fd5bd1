package dev.parley.signaling.socket;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.parley.platform.security.Revocations;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The socket endpoint over a real WebSocket connection: authentication at the upgrade or
 * with a first {@code auth} frame, renewal with a fresh token, ping/pong, and error
 * frames that leave the socket open.
 */
@ParleyIntegrationTest
class SocketIT {

	@LocalServerPort
	int port;

	final TestTokens tokens = TestTokens.get();

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.data.redis.core.StringRedisTemplate redis;

	@Test
	void upgradeWithAnInvalidTokenIsRefusedWith401() {
		assertHandshakeStatus(this.tokens.expired("u1"), 401);
		assertHandshakeStatus(this.tokens.unsigned("u1"), 401);
		assertHandshakeStatus(this.tokens.wrongSignature("u1"), 401);
	}

	@Test
	void aSocketOpenedWithoutATokenMayOnlyPingUntilItsAuthFrame() throws Exception {
		String userId = UUID.randomUUID().toString();
		SocketClient client = connect(null);
		client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
		assertThat(client.expect("pong").path("id").asString()).isEqualTo("p1");
		client.send("{\"type\":\"teleport\",\"id\":\"t1\",\"data\":{}}");
		JsonNode refused = client.expect("error");
		assertThat(refused.path("id").asString()).isEqualTo("t1");
		assertThat(refused.path("data").path("code").asString()).isEqualTo("UNAUTHENTICATED");

		String token = this.tokens.signed(TestTokens.claims(userId, Duration.ofMinutes(5)));
		client.send(auth("a1", token));
		JsonNode ack = client.expect("ack");
		assertThat(ack.path("id").asString()).isEqualTo("a1");
		assertThat(ack.path("data").path("userId").asString()).isEqualTo(userId);
		assertThat(Instant.parse(ack.path("data").path("expiresAt").asString()))
			.isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
		// Now authenticated: frames reach their handlers.
		client.send("{\"type\":\"teleport\",\"id\":\"t2\",\"data\":{}}");
		assertThat(client.expect("error").path("data").path("code").asString()).isEqualTo("UNKNOWN_TYPE");
	}

	@Test
	void aMissingOrInvalidTokenInTheFirstAuthFrameClosesWith4002() throws Exception {
		SocketClient expired = connect(null);
		expired.send(auth("a1", this.tokens.expired(UUID.randomUUID().toString())));
		assertThat(expired.closeCode()).isEqualTo(4002);
		SocketClient forged = connect(null);
		forged.send(auth("a1", this.tokens.wrongSignature(UUID.randomUUID().toString())));
		assertThat(forged.closeCode()).isEqualTo(4002);
		SocketClient missing = connect(null);
		missing.send("{\"type\":\"auth\",\"id\":\"a1\",\"data\":{}}");
		assertThat(missing.closeCode()).isEqualTo(4002);
	}

	@Test
	void aSocketThatNeverAuthenticatesIsClosedWith4004AfterTheTimeout() throws Exception {
		SocketClient client = connect(null);
		client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
		assertThat(client.expect("pong")).isNotNull();
		assertThat(client.closeCode(Duration.ofSeconds(15))).isEqualTo(4004);
	}

	@Test
	void aFreshTokenOfTheSameUserKeepsTheSocketOpenPastTheFirstTokensExpiry() throws Exception {
		String userId = UUID.randomUUID().toString();
		SocketClient client = connect(this.tokens.signed(TestTokens.claims(userId, Duration.ofSeconds(3))));
		client.send(auth("bad", this.tokens.expired(userId)));
		assertThat(client.expect("error", (f) -> f.path("id").asString().equals("bad"))
			.path("data")
			.path("code")
			.asString()).isEqualTo("UNAUTHENTICATED");
		client.send(auth("other", this.tokens.accessToken(UUID.randomUUID().toString())));
		assertThat(client.expect("error", (f) -> f.path("id").asString().equals("other"))
			.path("data")
			.path("code")
			.asString()).isEqualTo("FORBIDDEN");
		client.send(auth("fresh", this.tokens.signed(TestTokens.claims(userId, Duration.ofMinutes(5)))));
		assertThat(client.expect("ack").path("id").asString()).isEqualTo("fresh");
		// Past the first token's expiry, the socket is still open and answering.
		assertThat(client.poll(Duration.ofSeconds(5))).isNull();
		client.send("{\"type\":\"ping\",\"id\":\"still\"}");
		assertThat(client.expect("pong").path("id").asString()).isEqualTo("still");
	}

	@Test
	void aRejectedRenewalLeavesTheSocketToCloseWhenItsTokenExpires() throws Exception {
		String userId = UUID.randomUUID().toString();
		SocketClient client = connect(this.tokens.signed(TestTokens.claims(userId, Duration.ofSeconds(2))));
		client.send(auth("other", this.tokens.accessToken(UUID.randomUUID().toString())));
		assertThat(client.expect("error").path("data").path("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(client.closeCode()).isEqualTo(4001);
	}

	@Test
	void pingIsAnsweredWithPongCarryingTheFrameId() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"ping\",\"id\":\"f1\"}");
		assertThat(client.next()).contains("\"type\":\"pong\"").contains("\"id\":\"f1\"");
	}

	@Test
	void unparseableFrameGetsAnErrorWithoutIdAndTheSocketStaysOpen() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("this is not json");
		String error = client.next();
		assertThat(error).contains("\"type\":\"error\"").contains("\"code\":\"BAD_FRAME\"").doesNotContain("\"id\"");
		client.send("null");
		assertThat(client.next()).contains("\"code\":\"BAD_FRAME\"");
		client.send("{\"id\":\"f9\"}");
		assertThat(client.next()).contains("\"code\":\"BAD_FRAME\"").contains("\"id\":\"f9\"");
		client.send("{\"type\":\"ping\",\"id\":\"f2\"}");
		assertThat(client.next()).contains("\"type\":\"pong\"");
	}

	@Test
	void aNulCharacterAnywhereInAFrameIsRefusedThere() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"message.send\",\"id\":\"n1\",\"data\":{\"conversationId\":\"" + UUID.randomUUID()
				+ "\",\"clientMessageId\":\"c\",\"text\":\"a\\u0000b\"}}");
		assertThat(client.answerTo("n1").at("/data/code").asString()).isEqualTo("VALIDATION_FAILED");
		client.send("{\"type\":\"typing\",\"id\":\"n2\",\"data\":{\"x\":[{\"k\\u0000\":1}]}}");
		assertThat(client.answerTo("n2").at("/data/code").asString()).isEqualTo("VALIDATION_FAILED");
		client.send("{\"type\":\"ping\",\"id\":\"p\"}");
		assertThat(client.expect("pong").path("id").asString()).isEqualTo("p");
	}

	@Test
	void unknownTypeGetsAnErrorForThatFrame() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"teleport\",\"id\":\"f3\",\"data\":{}}");
		assertThat(client.next()).contains("\"type\":\"error\"")
			.contains("\"id\":\"f3\"")
			.contains("\"code\":\"UNKNOWN_TYPE\"");
	}

	@Test
	void aFrameOverTheSizeLimitClosesTheSocketWith1009() throws Exception {
		SocketClient client = connect(this.tokens.accessToken(UUID.randomUUID().toString()));
		client.send("{\"type\":\"ping\",\"data\":\"" + "x".repeat(SocketConfiguration.MAX_FRAME_BYTES + 10) + "\"}");
		assertThat(client.closeCode()).isEqualTo(1009);
	}

	@Test
	void whenItsTokenExpiresTheSocketClosesWith4001() throws Exception {
		String userId = UUID.randomUUID().toString();
		String shortLived = this.tokens.signed(TestTokens.claims(userId, Duration.ofSeconds(2)));
		SocketClient client = connect(shortLived);
		client.send("{\"type\":\"ping\",\"id\":\"before\"}");
		assertThat(client.next()).contains("pong");
		assertThat(client.closeCode()).isEqualTo(4001);
	}

	@Test
	void whenItsSessionEndsTheSocketClosesWith4003AndItsTokenNoLongerOpensOne() throws Exception {
		String userId = UUID.randomUUID().toString();
		String session = UUID.randomUUID().toString();
		String token = this.tokens
			.signed(new com.nimbusds.jwt.JWTClaimsSet.Builder(TestTokens.claims(userId, Duration.ofMinutes(5)))
				.claim(Revocations.SESSION_CLAIM, session)
				.build());
		SocketClient ended = connect(null);
		ended.send(auth("a1", token));
		ended.expect("ack");
		SocketClient otherSession = connect(this.tokens.accessToken(userId));
		otherSession.send("{\"type\":\"ping\",\"id\":\"p\"}");
		otherSession.expect("pong");

		// What auth-service does when the session ends (see SessionRevocations there).
		// The
		// announcement is told again until heard: a listener still subscribing misses it.
		this.redis.opsForValue().set(Revocations.key(session), userId, Duration.ofMinutes(16));
		Integer[] closed = { null };
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.redis.convertAndSend(Revocations.CHANNEL, userId + " " + session);
			closed[0] = ended.closeCodeOrNull(Duration.ofMillis(300));
			return closed[0] != null;
		});
		assertThat(closed[0]).isEqualTo(4500);
		otherSession.send("{\"type\":\"ping\",\"id\":\"still\"}");
		assertThat(otherSession.expect("pong").path("id").asString()).isEqualTo("still");
		SocketClient again = connect(null);
		again.send(auth("a2", token));
		assertThat(again.closeCode()).isEqualTo(4002);
		assertHandshakeStatus(token, 401);
		otherSession.close();
	}

	private void assertHandshakeStatus(String token, int status) {
		assertThatThrownBy(() -> connect(token)).hasCauseInstanceOf(WebSocketHandshakeException.class)
			.satisfies((ex) -> assertThat(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode())
				.isEqualTo(status));
	}

	private static String auth(String frameId, String token) {
		return "{\"type\":\"auth\",\"id\":\"" + frameId + "\",\"data\":{\"token\":\"" + token + "\"}}";
	}

	private SocketClient connect(String token) {
		return SocketClient.connect(this.port, token);
	}

}
