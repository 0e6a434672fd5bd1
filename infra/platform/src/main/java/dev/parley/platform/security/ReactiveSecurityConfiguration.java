package dev.parley.platform.security;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Token verification for reactive apps (the gateway): a JWKS-backed decoder that
 * refetches the key set when it meets an unknown {@code kid}, and problem+json 401/403
 * answers.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class ReactiveSecurityConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties,
			ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
		WebClient client = properties.jwksLoadBalanced() ? WebClient.builder().filter(loadBalancer.getObject()).build()
				: WebClient.create();
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksHttpUri())
			.jwsAlgorithm(Tokens.ALGORITHM)
			.webClient(client)
			.build();
		decoder.setJwtValidator(Tokens.validator(properties.issuer()));
		return decoder;
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
