package dev.parley.gateway.edge;

import java.util.Set;

import reactor.core.publisher.Mono;

import dev.parley.platform.error.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a token in a URL: URLs are written to access logs, browser histories and
 * proxies' logs, so a client that puts one there must learn at once (a socket
 * authenticates with its first frame instead).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CredentialsInUrlWebFilter implements WebFilter {

	private static final Set<String> NAMES = Set.of("access_token", "refresh_token", "token");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest()
			.getQueryParams()
			.keySet()
			.stream()
			.map(String::toLowerCase)
			.anyMatch(NAMES::contains)) {
			return Mono.error(ApiException.badRequest("TOKEN_IN_URL",
					"Never put a token in a URL. Send it in the Authorization header, or in the socket's auth frame."));
		}
		return chain.filter(exchange);
	}

}
