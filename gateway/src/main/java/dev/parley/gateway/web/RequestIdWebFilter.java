package dev.parley.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.parley.platform.web.RequestIds;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id (keeping a well-formed one from the client), forwards it to
 * the services, echoes it, and writes one access-log line per API request. The query
 * string is never logged (it is the client's, and may hold anything).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdWebFilter implements WebFilter {

	private static final Logger accessLog = LoggerFactory.getLogger("parley.access");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(RequestIds.HEADER, requestId))
			.build();
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		long started = System.nanoTime();
		String path = request.getPath().value();
		return chain.filter(exchange.mutate().request(request).build()).doFinally((signal) -> {
			if (path.startsWith("/api/") || path.equals("/ws")) {
				accessLog.info("{} {} {} {}ms [{}]", request.getMethod(), path, exchange.getResponse().getStatusCode(),
						(System.nanoTime() - started) / 1_000_000, requestId);
			}
		});
	}

}
