package dev.parley.auth.keys;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signing keys live in auth-service's schema, are published without their private part,
 * and rotate without breaking tokens signed by the previous key.
 */
@ParleyIntegrationTest
class SigningKeysIT {

	@Autowired
	SigningKeys keys;

	@Autowired
	JwtDecoder decoder;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void theActiveKeyIsStoredInTheAuthSchema() {
		ECKey active = this.keys.activeKey();
		Long stored = this.jdbc.sql("select count(*) from auth.signing_key where kid = :kid and retired_at is null")
			.param("kid", active.getKeyID())
			.query(Long.class)
			.single();
		assertThat(stored).isEqualTo(1);
		assertThat(active.isPrivate()).isTrue();
	}

	@Test
	void keysAreStoredEncryptedAndPlaintextOnesAreSealedAtStartUp() {
		ECKey active = this.keys.activeKey();
		String stored = storedJwk(active.getKeyID());
		assertThat(stored).startsWith("v1:").doesNotContain(active.getD().toString()).doesNotContain("\"d\"");

		// A key stored before keys were encrypted still signs, and is sealed at start-up.
		this.jdbc.sql("update auth.signing_key set jwk = :jwk where kid = :kid")
			.param("jwk", active.toJSONString())
			.param("kid", active.getKeyID())
			.update();
		assertThat(this.keys.activeKey()).isEqualTo(active);
		this.keys.ensureActiveKey();
		assertThat(storedJwk(active.getKeyID())).startsWith("v1:");
		assertThat(this.keys.activeKey()).isEqualTo(active);
	}

	private String storedJwk(String kid) {
		return this.jdbc.sql("select jwk from auth.signing_key where kid = :kid")
			.param("kid", kid)
			.query(String.class)
			.single();
	}

	@Test
	void jwksEndpointPublishesPublicKeysOnlyWithoutAToken() throws Exception {
		String body = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/.well-known/jwks.json")
			.retrieve()
			.body(String.class);
		JWKSet set = JWKSet.parse(body);
		assertThat(set.getKeys()).isNotEmpty();
		assertThat(set.getKeyByKeyId(this.keys.activeKey().getKeyID())).isNotNull();
		assertThat(set.getKeys()).noneMatch((k) -> k.isPrivate());
		assertThat(body).doesNotContain("\"d\"");
	}

	@Test
	void rotationKeepsTokensOfThePreviousKeyValidAndSignsWithTheNewOne() {
		ECKey before = this.keys.activeKey();
		String userId = UUID.randomUUID().toString();
		String oldToken = TestTokens.sign(before, TestTokens.claims(userId, java.time.Duration.ofMinutes(5)));

		ECKey after = this.keys.rotate();

		assertThat(this.keys.activeKey().getKeyID()).isEqualTo(after.getKeyID()).isNotEqualTo(before.getKeyID());
		assertThat(this.keys.publicKeys().getKeyByKeyId(before.getKeyID())).isNotNull();
		assertThat(this.decoder.decode(oldToken).getSubject()).isEqualTo(userId);
		String newToken = TestTokens.sign(after, TestTokens.claims(userId, java.time.Duration.ofMinutes(5)));
		assertThat(this.decoder.decode(newToken).getSubject()).isEqualTo(userId);
	}

	@Test
	void aKeyRetiredLongerThanATokenLifetimeIsNoLongerPublishedOrAccepted() {
		ECKey old = this.keys.activeKey();
		String token = TestTokens.sign(old, TestTokens.claims("u1", java.time.Duration.ofMinutes(5)));
		this.keys.rotate();
		this.jdbc.sql("update auth.signing_key set retired_at = now() - interval '1 hour' where kid = :kid")
			.param("kid", old.getKeyID())
			.update();
		assertThat(this.keys.publicKeys().getKeyByKeyId(old.getKeyID())).isNull();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(token));
	}

	@Test
	void tokensFromUnknownKeysAndUnsignedTokensAreRefused() {
		TestTokens foreign = TestTokens.get();
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> this.decoder.decode(foreign.accessToken("u2")));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(foreign.unsigned("u2")));
	}

	@Test
	void startingAgainKeepsTheActiveKey() {
		String kid = this.keys.activeKey().getKeyID();
		this.keys.ensureActiveKey();
		assertThat(this.keys.activeKey().getKeyID()).isEqualTo(kid);
		Map<String, Object> count = this.jdbc.sql("select count(*) as n from auth.signing_key where retired_at is null")
			.query()
			.singleRow();
		assertThat(count.get("n")).isEqualTo(1L);
	}

}
