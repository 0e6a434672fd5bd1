package dev.parley.auth.keys;

import com.nimbusds.jose.jwk.ECKey;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key handed in through PARLEY_AUTH_SIGNING_JWK (e.g. from a secret store) becomes the
 * signing key, and tokens it signed verify.
 */
@ParleyIntegrationTest
class ConfiguredSigningKeyIT {

	static final ECKey configured = TestTokens.newKey("configured-" + System.nanoTime());

	@DynamicPropertySource
	static void key(DynamicPropertyRegistry registry) {
		registry.add("parley.auth.signing-jwk", configured::toJSONString);
	}

	@Autowired
	SigningKeys keys;

	@Autowired
	JwtDecoder decoder;

	@Test
	void theConfiguredKeySignsAndIsPublished() {
		assertThat(this.keys.activeKey().getKeyID()).isEqualTo(configured.getKeyID());
		assertThat(this.keys.publicKeys().getKeyByKeyId(configured.getKeyID()).isPrivate()).isFalse();
		String token = TestTokens.sign(configured, TestTokens.claims("user-1", java.time.Duration.ofMinutes(5)));
		assertThat(this.decoder.decode(token).getSubject()).isEqualTo("user-1");
	}

}
