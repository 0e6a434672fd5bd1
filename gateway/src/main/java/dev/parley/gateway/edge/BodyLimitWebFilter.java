package dev.parley.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.platform.error.ApiException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Caps requests before they reach a service: the address (path and query) at
 * {@value #URI_LIMIT} bytes, which leaves a service's 8 KB for the request line and
 * headers room for the token; bodies by the declared length at once, and, for a body
 * streamed without one, as its bytes arrive. (Reactor Netty itself would answer an
 * address over its line limit 414 without a body; that limit is set above this one, so
 * the refusal is a problem like any other.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class BodyLimitWebFilter implements WebFilter {

	static final int URI_LIMIT = 4096;

	private static final AntPathMatcher paths = new AntPathMatcher();

	private final EdgeProperties properties;

	BodyLimitWebFilter(EdgeProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String query = request.getURI().getRawQuery();
		if (request.getURI().getRawPath().length() + ((query != null) ? query.length() + 1 : 0) > URI_LIMIT) {
			return Mono.error(new ApiException(HttpStatus.URI_TOO_LONG, "URI_TOO_LONG",
					"The address is longer than the " + URI_LIMIT + " bytes allowed."));
		}
		long limit = limitFor(request.getPath().value()).toBytes();
		long declared = request.getHeaders().getContentLength();
		if (declared > limit) {
			return Mono.error(tooLarge(limit));
		}
		if (declared >= 0) {
			return chain.filter(exchange);
		}
		AtomicLong seen = new AtomicLong();
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().handle((buffer, sink) -> {
					if (seen.addAndGet(buffer.readableByteCount()) > limit) {
						org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
						sink.error(tooLarge(limit));
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build());
	}

	private DataSize limitFor(String path) {
		boolean large = this.properties.largeBodyPaths()
			.stream()
			.anyMatch((pattern) -> path.equals(pattern) || paths.match(pattern, path));
		return large ? this.properties.largeBodyLimit() : this.properties.bodyLimit();
	}

	private static ApiException tooLarge(long limit) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE",
				"The request body is larger than the " + DataSize.ofBytes(limit).toKilobytes() + " KB allowed here.");
	}

}
