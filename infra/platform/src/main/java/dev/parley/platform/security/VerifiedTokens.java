package dev.parley.platform.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The access tokens a verifier has already checked, so that the next request with the
 * same token costs a lookup instead of parsing it and checking its ES256 signature again
 * (about half a millisecond of CPU on the two-core machine we measure on: a quarter of
 * message-service's CPU for a search, and paid again at the gateway). A client sends the
 * same token with every request until it refreshes it.
 *
 * <p>
 * Only the exact text that was verified matches an entry. The claim rules
 * ({@link Tokens#validator}) run again on every use, so a token past its expiry is
 * refused as before; such an entry is dropped and the token goes to the decoder, which
 * gives the usual error. Entries last at most {@link #MAX_AGE}, and the least used go
 * first past {@link #MAX_TOKENS}. The gateway still asks whether the token's session has
 * ended on every request ({@link SessionRevocationCheck}).
 */
public final class VerifiedTokens {

	static final int MAX_TOKENS = 4_096;

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfterWrite(MAX_AGE)
		.build();

	private final OAuth2TokenValidator<Jwt> rules;

	public VerifiedTokens(OAuth2TokenValidator<Jwt> rules) {
		this.rules = rules;
	}

	/** {@code decoder}, remembering what it verified. */
	public JwtDecoder caching(JwtDecoder decoder) {
		return (token) -> {
			Jwt known = known(token);
			return (known != null) ? known : remember(token, decoder.decode(token));
		};
	}

	/** {@code decoder}, remembering what it verified. */
	public ReactiveJwtDecoder caching(ReactiveJwtDecoder decoder) {
		return (token) -> {
			Jwt known = known(token);
			return (known != null) ? Mono.just(known) : decoder.decode(token).map((jwt) -> remember(token, jwt));
		};
	}

	/** The token as verified before, if it was and still meets the claim rules. */
	Jwt known(String token) {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null && this.rules.validate(jwt).hasErrors()) {
			this.verified.invalidate(token);
			return null;
		}
		return jwt;
	}

	private Jwt remember(String token, Jwt jwt) {
		this.verified.put(token, jwt);
		return jwt;
	}

	/** How many tokens are remembered (for tests). */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

}
