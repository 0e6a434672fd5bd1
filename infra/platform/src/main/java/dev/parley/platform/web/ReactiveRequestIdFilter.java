package dev.parley.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive services' counterpart of {@link RequestIdFilter}: echoes the request id
 * (the gateway's, or a new one), says which service answered, and writes one access-log
 * line per request with the id (the path only, never a query string).
 */
public class ReactiveRequestIdFilter implements WebFilter, Ordered {

	private static final Logger accessLog = LoggerFactory.getLogger("parley.access");

	private final String serviceName;

	public ReactiveRequestIdFilter(String serviceName) {
		this.serviceName = serviceName;
	}

	/** Ahead of security, so even a 401 carries the id. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
		exchange.getResponse().getHeaders().set(RequestIds.SERVED_BY_HEADER, this.serviceName);
		long started = System.nanoTime();
		String path = exchange.getRequest().getPath().value();
		return chain.filter(exchange).doFinally((signal) -> {
			if (!path.startsWith("/actuator")) {
				accessLog.info("{} {} {} {}ms [{}]", exchange.getRequest().getMethod(), path,
						exchange.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000, requestId);
			}
		});
	}

}
