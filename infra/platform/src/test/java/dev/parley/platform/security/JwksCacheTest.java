package dev.parley.platform.security;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class JwksCacheTest {

	final String known = "known-key";

	final AtomicInteger fetches = new AtomicInteger();

	final WebClient keySet = WebClient.builder().exchangeFunction((request) -> {
		this.fetches.incrementAndGet();
		String body = new JWKSet(TestTokens.newKey(this.known).toPublicJWK()).toString();
		return Mono.just(ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(body)
			.build());
	}).build();

	@Test
	void madeUpKeyIdsCostOneFetchPerIntervalNotOnePerToken() {
		JwksCache cache = new JwksCache(this.keySet, "http://auth/.well-known/jwks.json", Duration.ofHours(1));
		for (int i = 0; i < 200; i++) {
			assertThat(cache.select(token(UUID.randomUUID().toString())).collectList().block()).isEmpty();
		}
		assertThat(this.fetches).hasValue(1);
		assertThat(cache.select(token(this.known)).collectList().block()).hasSize(1);
		assertThat(this.fetches).hasValue(1);
	}

	@Test
	void withoutTheIntervalEveryUnknownKeyWouldFetch() {
		JwksCache cache = new JwksCache(this.keySet, "http://auth/.well-known/jwks.json", Duration.ZERO);
		for (int i = 0; i < 5; i++) {
			cache.select(token(UUID.randomUUID().toString())).collectList().block();
		}
		assertThat(this.fetches).hasValue(5);
	}

	private static SignedJWT token(String kid) {
		return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(),
				new JWTClaimsSet.Builder().subject("u1").build());
	}

}
