package dev.parley.platform.security;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * A verifier's copy of auth-service's public keys. A token that names a key missing from
 * the copy makes it fetch the set again, but at most once per {@code minInterval} (and
 * one fetch at a time): a flood of made-up key ids costs auth-service one fetch per
 * interval instead of one per token. auth-service publishes a new key as soon as it signs
 * with it, so a real new key is found by the first token that names it, unless a made-up
 * one used the interval just before (then its tokens fail for at most the interval).
 */
final class JwksCache {

	private final Mono<JWKSet> fetch;

	private final long minIntervalNanos;

	private volatile JWKSet keys = new JWKSet();

	private long lastFetch;

	private boolean fetched;

	private Mono<JWKSet> inflight;

	JwksCache(WebClient client, String uri, Duration minInterval) {
		this.fetch = client.get().uri(uri).retrieve().bodyToMono(String.class).map(JwksCache::parse);
		this.minIntervalNanos = minInterval.toNanos();
	}

	/** The keys that may have signed the token. */
	Flux<JWK> select(SignedJWT jwt) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
		List<JWK> known = selector.select(this.keys);
		if (!known.isEmpty()) {
			return Flux.fromIterable(known);
		}
		return refetch().flatMapMany((set) -> Flux.fromIterable(selector.select(set)));
	}

	private synchronized Mono<JWKSet> refetch() {
		if (this.inflight != null) {
			return this.inflight;
		}
		long now = System.nanoTime();
		if (this.fetched && now - this.lastFetch < this.minIntervalNanos) {
			return Mono.just(this.keys);
		}
		this.fetched = true;
		this.lastFetch = now;
		Mono<JWKSet> started = this.fetch.doOnNext((set) -> this.keys = set).doFinally((signal) -> done()).cache();
		this.inflight = started;
		return started;
	}

	private synchronized void done() {
		this.inflight = null;
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("auth-service's key set is not a JWK set", ex);
		}
	}

}
