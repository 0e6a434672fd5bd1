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
 * Caps request bodies before they reach a service: by the declared length at once, and,
 * for a body streamed without one, as its bytes arrive.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class BodyLimitWebFilter implements WebFilter {

	private static final AntPathMatcher paths = new AntPathMatcher();

	private final EdgeProperties properties;

	BodyLimitWebFilter(EdgeProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
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
