package dev.parley.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Client-side routing: a browser asking for an app path such as {@code /settings} gets
 * index.html. API, socket, actuator and file paths (with an extension) are left alone.
 */
@Component
class SpaFallbackWebFilter implements WebFilter {

	static boolean isAppPath(String path) {
		if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws") || path.startsWith("/actuator")
				|| path.equals("/")) {
			return false;
		}
		String last = path.substring(path.lastIndexOf('/') + 1);
		return !last.contains(".");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var request = exchange.getRequest();
		boolean wantsHtml = request.getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_HTML::isCompatibleWith);
		if (HttpMethod.GET.equals(request.getMethod()) && wantsHtml && isAppPath(request.getPath().value())) {
			return chain.filter(exchange.mutate().request(request.mutate().path("/index.html").build()).build());
		}
		return chain.filter(exchange);
	}

}
