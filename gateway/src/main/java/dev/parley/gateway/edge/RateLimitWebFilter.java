package dev.parley.gateway.edge;

import java.security.Principal;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.parley.platform.error.ApiException;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Abuse limits at the edge, shared by every gateway replica (Redis): per client address
 * for what is used before sign-in, per user for the rest. Each limit counts requests in a
 * fixed window; past it the answer is 429 with {@code Retry-After} until the window ends.
 * Runs after authentication, so that the user is known. When Redis cannot be reached the
 * requests pass: an outage of the limiter must not become an outage of Parley.
 */
@Component
class RateLimitWebFilter implements WebFilter, org.springframework.core.Ordered {

	private static final Logger log = LoggerFactory.getLogger(RateLimitWebFilter.class);

	private static final AntPathMatcher paths = new AntPathMatcher();

	/** Counts one request; returns the count and the window's remaining milliseconds. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return {count, redis.call('PTTL', KEYS[1])}
			""", List.class);

	private final ReactiveStringRedisTemplate redis;

	private final List<EdgeProperties.RateLimit> limits;

	RateLimitWebFilter(ReactiveStringRedisTemplate redis, EdgeProperties properties) {
		this.redis = redis;
		this.limits = properties.rateLimits();
	}

	@Override
	public int getOrder() {
		// After Spring Security's filter chain (order -100), before the routes.
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<EdgeProperties.RateLimit> matching = this.limits.stream()
			.filter((limit) -> applies(limit, exchange))
			.toList();
		if (matching.isEmpty()) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(Principal::getName)
			.defaultIfEmpty("")
			.flatMap((user) -> reject(matching, exchange, user))
			.flatMap(Mono::<Void>error)
			.switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
	}

	/**
	 * The first limit this request exceeds, as the error to answer with. The request
	 * counts against each limit it falls under, all asked of Redis at once (one round
	 * trip, not one per limit).
	 */
	private Mono<ApiException> reject(List<EdgeProperties.RateLimit> matching, ServerWebExchange exchange,
			String user) {
		return reactor.core.publisher.Flux.fromIterable(matching).flatMapSequential((limit) -> {
			String subject = (limit.per() == EdgeProperties.Per.USER && !user.isEmpty()) ? "user:" + user
					: "address:" + ClientAddressWebFilter.of(exchange);
			String key = "edge:rate:" + limit.name() + ":" + subject;
			return this.redis.execute(COUNT, List.of(key), List.of(String.valueOf(limit.window().toMillis())))
				.next()
				.timeout(Duration.ofMillis(500))
				.flatMap((result) -> {
					long count = ((Number) result.get(0)).longValue();
					long millis = Math.max(((Number) result.get(1)).longValue(), 1);
					return (count > limit.limit()) ? Mono.just(tooMany(limit, Duration.ofMillis(millis)))
							: Mono.<ApiException>empty();
				})
				.onErrorResume((ex) -> {
					log.warn("Rate limit {} not checked (Redis: {})", limit.name(), ex.getMessage());
					return Mono.empty();
				});
		}).next();
	}

	private static boolean applies(EdgeProperties.RateLimit limit, ServerWebExchange exchange) {
		String method = exchange.getRequest().getMethod().name();
		String path = exchange.getRequest().getPath().value();
		return (limit.methods().isEmpty() || limit.methods().contains(method))
				&& limit.paths().stream().anyMatch((pattern) -> paths.match(pattern, path));
	}

	private static ApiException tooMany(EdgeProperties.RateLimit limit, Duration retryAfter) {
		return ApiException
			.tooManyRequests("RATE_LIMITED", "Too many requests (" + limit.name() + "). Try again in a moment.",
					retryAfter)
			.with("limit", limit.name());
	}

}
