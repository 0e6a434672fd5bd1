package dev.parley.platform.security;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.RestTemplate;

/**
 * Token verification for servlet services: every request needs a valid access token
 * except health/info/metrics and the paths a service lists in
 * {@code parley.security.public-paths}.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ServletSecurityConfiguration {

	@Bean
	@LoadBalanced
	RestTemplate jwksLoadBalancedRestTemplate() {
		return jwksRestTemplate();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(SecurityProperties properties, RestTemplate jwksLoadBalancedRestTemplate) {
		RestTemplate client = properties.jwksLoadBalanced() ? jwksLoadBalancedRestTemplate : jwksRestTemplate();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksHttpUri())
			.jwsAlgorithm(Tokens.ALGORITHM)
			.restOperations(client)
			.build();
		OAuth2TokenValidator<Jwt> rules = Tokens.validator(properties.issuer());
		decoder.setJwtValidator(rules);
		return new VerifiedTokens(rules).caching(decoder);
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityFilterChain parleySecurityFilterChain(HttpSecurity http, SecurityProperties properties,
			JwtDecoder jwtDecoder) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", AuthProblems.CHALLENGE);
			response.setContentType(AuthProblems.MEDIA_TYPE);
			response.getOutputStream().write(AuthProblems.unauthenticated());
		};
		AccessDeniedHandler deniedHandler = (request, response, ex) -> {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(AuthProblems.MEDIA_TYPE);
			response.getOutputStream().write(AuthProblems.forbidden());
		};
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((auth) -> {
				auth.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error",
						"/v3/api-docs", "/v3/api-docs/**")
					.permitAll();
				properties.publicPaths().forEach((path) -> auth.requestMatchers(path).permitAll());
				auth.anyRequest().authenticated();
			})
			.oauth2ResourceServer((resource) -> resource.jwt((jwt) -> jwt.decoder(jwtDecoder))
				.bearerTokenResolver(bearerTokens(properties))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
		return http.build();
	}

	/** The Authorization header, never a URL (URLs end up in logs). */
	private static BearerTokenResolver bearerTokens(SecurityProperties properties) {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		List<RequestMatcher> publicPaths = properties.publicPaths()
			.stream()
			.map((path) -> (RequestMatcher) paths.matcher(path))
			.toList();
		return (request) -> {
			// A stale token sent along to a public endpoint (e.g. refresh) is ignored,
			// not refused.
			if (publicPaths.stream().anyMatch((matcher) -> matcher.matches(request))) {
				return null;
			}
			return header.resolve(request);
		};
	}

	private static RestTemplate jwksRestTemplate() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(2));
		factory.setReadTimeout(Duration.ofSeconds(5));
		return new RestTemplate(factory);
	}

}
