package dev.parley.platform.security;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Token verification for reactive apps (the gateway, signaling-service): a JWKS-backed
 * decoder that refetches the key set when it meets an unknown {@code kid}, problem+json
 * 401/403 answers, and, for an app without its own chain, the same rules as the servlet
 * services: a valid access token on every request except health/info/metrics, the paths
 * in {@code parley.security.public-paths} and the socket upgrade (a socket may
 * authenticate with its first frame; a token sent at the upgrade is still checked).
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class ReactiveSecurityConfiguration {

	/**
	 * How often a token naming an unknown key may make the key set be fetched again (see
	 * {@link JwksCache}).
	 */
	static final Duration JWKS_REFETCH_INTERVAL = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties,
			ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer,
			ObjectProvider<SessionRevocationCheck> revocations) {
		WebClient client = properties.jwksLoadBalanced() ? WebClient.builder().filter(loadBalancer.getObject()).build()
				: WebClient.create();
		JwksCache keys = new JwksCache(client, properties.jwksHttpUri(), JWKS_REFETCH_INTERVAL);
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::select)
			.jwsAlgorithm(Tokens.ALGORITHM)
			.build();
		OAuth2TokenValidator<Jwt> rules = Tokens.validator(properties.issuer());
		decoder.setJwtValidator(rules);
		ReactiveJwtDecoder verified = new VerifiedTokens(rules).caching(decoder);
		SessionRevocationCheck check = revocations.getIfAvailable();
		return (check != null) ? (token) -> verified.decode(token).flatMap(check::check) : verified;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	static class Revocation {

		@Bean
		SessionRevocationCheck sessionRevocationCheck(ObjectProvider<ReactiveStringRedisTemplate> redis) {
			return new SessionRevocationCheck(redis);
		}

	}

	/** The WebSocket endpoint (signaling-service), reached through the gateway. */
	public static final String SOCKET_PATH = "/ws";

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain parleySecurityWebFilterChain(ServerHttpSecurity http, SecurityProperties properties,
			ReactiveJwtDecoder decoder, ServerAuthenticationEntryPoint entryPoint,
			ServerAccessDeniedHandler deniedHandler) {
		ServerWebExchangeMatcher publicPaths = properties.publicPaths().isEmpty()
				? (exchange) -> ServerWebExchangeMatcher.MatchResult.notMatch()
				: ServerWebExchangeMatchers.pathMatchers(properties.publicPaths().toArray(String[]::new));
		ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.authorizeExchange((exchange) -> exchange
				.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
						"/v3/api-docs", "/v3/api-docs/**", SOCKET_PATH)
				.permitAll()
				.matchers(publicPaths)
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> jwt.jwtDecoder(decoder))
				// Never from a URL (URLs end up in logs); a stale token sent to a public
				// path is ignored, not refused.
				.bearerTokenConverter((exchange) -> publicPaths.matches(exchange)
					.flatMap((match) -> match.isMatch() ? Mono.empty() : header.convert(exchange)))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.build();
	}

	@Bean
	ServerAuthenticationEntryPoint problemAuthenticationEntryPoint() {
		return (exchange, ex) -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().set("WWW-Authenticate", AuthProblems.CHALLENGE);
			return write(response, HttpStatus.UNAUTHORIZED, AuthProblems.unauthenticated());
		};
	}

	@Bean
	ServerAccessDeniedHandler problemAccessDeniedHandler() {
		return (exchange, ex) -> write(exchange.getResponse(), HttpStatus.FORBIDDEN, AuthProblems.forbidden());
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpStatus status, byte[] body) {
		response.setStatusCode(status);
		response.getHeaders().set("Content-Type", AuthProblems.MEDIA_TYPE);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
