package dev.parley.platform.security;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token whose session has ended ({@link Revocations}), for the reactive
 * verifiers (the gateway, signaling). When Redis does not answer within half a second the
 * token passes: a Redis outage must not sign everyone out, and the token still expires on
 * time.
 */
public final class SessionRevocationCheck {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocationCheck.class);

	private final ObjectProvider<ReactiveStringRedisTemplate> redis;

	/** {@code redis}: absent in an app without Redis, which then checks nothing. */
	public SessionRevocationCheck(ObjectProvider<ReactiveStringRedisTemplate> redis) {
		this.redis = redis;
	}

	public Mono<Jwt> check(Jwt jwt) {
		String session = Revocations.sessionOf(jwt);
		ReactiveStringRedisTemplate template = this.redis.getIfAvailable();
		if (session == null || template == null) {
			return Mono.just(jwt);
		}
		return template.hasKey(Revocations.key(session)).timeout(Duration.ofMillis(500)).onErrorResume((ex) -> {
			log.warn("Could not check whether a session ended (Redis: {})", ex.getMessage());
			return Mono.just(false);
		})
			.flatMap((revoked) -> Boolean.TRUE.equals(revoked)
					? Mono.error(new BadJwtException("The session of this token has ended")) : Mono.just(jwt));
	}

}
