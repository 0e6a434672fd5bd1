package dev.parley.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokensTest {

	final ECKey key = TestTokens.newKey("key-1");

	final VerifiedTokens tokens = new VerifiedTokens(Tokens.validator(TestTokens.ISSUER));

	final AtomicInteger decoded = new AtomicInteger();

	@Test
	void aTokenIsVerifiedOnceThenKnown() throws JOSEException {
		JwtDecoder decoder = this.tokens.caching(counting(verifying()));
		String token = TestTokens.sign(this.key,
				TestTokens.claims(UUID.randomUUID().toString(), Duration.ofMinutes(15)));
		Jwt first = decoder.decode(token);
		Jwt again = decoder.decode(token);
		assertThat(again).isSameAs(first);
		assertThat(this.decoded).hasValue(1);
	}

	@Test
	void onlyTheExactTextVerifiedIsKnown() throws JOSEException {
		JwtDecoder decoder = this.tokens.caching(counting(verifying()));
		String user = UUID.randomUUID().toString();
		String token = TestTokens.sign(this.key, TestTokens.claims(user, Duration.ofMinutes(15)));
		decoder.decode(token);
		String[] parts = token.split("\\.");
		String otherSignature = parts[0] + "." + parts[1] + "."
				+ TestTokens.sign(this.key, TestTokens.claims(user, Duration.ofMinutes(15))).split("\\.")[2];
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(otherSignature));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token + "x"));
		assertThat(this.decoded).hasValue(3);
		assertThat(this.tokens.size()).isOne();
	}

	@Test
	void aKnownTokenPastItsExpiryIsAskedAgainAndRefused() {
		String token = "a.b.c";
		Jwt expired = Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.issuer(TestTokens.ISSUER)
			.subject(UUID.randomUUID().toString())
			.claim(Tokens.TOKEN_USE_CLAIM, Tokens.ACCESS)
			.issuedAt(Instant.now().minus(Duration.ofMinutes(20)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(5)))
			.build();
		// A decoder that let it through once (as if it were remembered just before it
		// expired), and then refuses it as Nimbus would.
		JwtDecoder decoder = this.tokens.caching(counting((text) -> {
			if (this.decoded.get() == 1) {
				return expired;
			}
			throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
		}));
		assertThat(decoder.decode(token)).isSameAs(expired);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token));
		assertThat(this.decoded).hasValue(2);
		assertThat(this.tokens.size()).isZero();
	}

	@Test
	void theReactiveDecoderRemembersToo() throws JOSEException {
		ReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.just(this.key.toPublicJWK()))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		ReactiveJwtDecoder decoder = this.tokens.caching((ReactiveJwtDecoder) (text) -> {
			this.decoded.incrementAndGet();
			return nimbus.decode(text);
		});
		String token = TestTokens.sign(this.key,
				TestTokens.claims(UUID.randomUUID().toString(), Duration.ofMinutes(15)));
		Jwt first = decoder.decode(token).block();
		Jwt again = decoder.decode(token).block();
		assertThat(again).isSameAs(first);
		assertThat(this.decoded).hasValue(1);
		assertThat(decoder.decode("not.a.token").onErrorResume((ex) -> Mono.empty()).block()).isNull();
		assertThat(this.decoded).hasValue(2);
	}

	private JwtDecoder verifying() throws JOSEException {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(this.key))));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(Tokens.validator(TestTokens.ISSUER));
		return decoder;
	}

	private JwtDecoder counting(JwtDecoder decoder) {
		return (text) -> {
			this.decoded.incrementAndGet();
			return decoder.decode(text);
		};
	}

}
