package dev.parley.gateway.security;

import reactor.core.publisher.Mono;

import dev.parley.gateway.edge.EdgeProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Edge authentication: every API call and socket upgrade needs a valid access token,
 * except the public account endpoints and the suite health. The services check the token
 * again.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurity {

	/** Account endpoints used before one has a token (or to get a new one). */
	static final String[] PUBLIC_AUTH_PATHS = { "/api/auth/signup", "/api/auth/signup/verify", "/api/auth/otp/resend",
			"/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/password/forgot",
			"/api/auth/password/reset" };

	static final String SOCKET_PATH = "/ws";

	@Bean
	SecurityWebFilterChain edgeSecurityFilterChain(ServerHttpSecurity http,
			ServerAuthenticationEntryPoint problemAuthenticationEntryPoint,
			ServerAccessDeniedHandler problemAccessDeniedHandler, EdgeProperties edge) {
		ServerWebExchangeMatcher publicAuth = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
				PUBLIC_AUTH_PATHS);
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			// The app's page may not be framed, load scripts from elsewhere or leak where
			// it was; camera, microphone and screen only for Parley itself.
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(edge.contentSecurityPolicy()))
				.referrerPolicy(
						(referrer) -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
				.permissionsPolicy((permissions) -> permissions
					.policy("camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=()")))
			.authorizeExchange((exchange) -> exchange.matchers(publicAuth)
				.permitAll()
				.pathMatchers("/api/health")
				.permitAll()
				// The socket may authenticate with its first frame (signaling-service
				// checks
				// it); a token sent at the upgrade is still checked here.
				.pathMatchers(SOCKET_PATH)
				.permitAll()
				// The API's description is public, like any published API reference.
				.pathMatchers(HttpMethod.GET, "/api/docs", "/api/docs/**")
				.permitAll()
				.pathMatchers("/api/**", SOCKET_PATH + "/**")
				.authenticated()
				.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				// The gateway is the public face: its metrics are not for the internet.
				.pathMatchers("/actuator/**")
				.denyAll()
				.anyExchange()
				.permitAll())
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> {
			})
				.bearerTokenConverter(bearerTokens(publicAuth))
				.authenticationEntryPoint(problemAuthenticationEntryPoint)
				.accessDeniedHandler(problemAccessDeniedHandler))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(problemAuthenticationEntryPoint)
				.accessDeniedHandler(problemAccessDeniedHandler))
			.build();
	}

	/**
	 * Reads the token from the Authorization header only, never from a URL (URLs end up
	 * in logs; a browser's socket authenticates with its first frame instead). A stale
	 * token sent to a public account endpoint is ignored, not refused.
	 */
	private static ServerAuthenticationConverter bearerTokens(ServerWebExchangeMatcher publicAuth) {
		ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();
		return (exchange) -> publicAuth.matches(exchange)
			.flatMap((match) -> match.isMatch() ? Mono.empty() : header.convert(exchange));
	}

}
