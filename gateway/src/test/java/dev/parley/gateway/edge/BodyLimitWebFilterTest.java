package dev.parley.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.parley.platform.error.ApiException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyLimitWebFilterTest {

	final BodyLimitWebFilter filter = new BodyLimitWebFilter(new EdgeProperties(List.of(), "default-src 'self'",
			DataSize.ofBytes(100), DataSize.ofBytes(1000), List.of("/api/media"), List.of()));

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedAtOnce() {
		MockServerHttpRequest request = MockServerHttpRequest.post("/api/conversations")
			.contentLength(101)
			.body("x".repeat(101));
		assertThatThrownBy(() -> this.filter.filter(MockServerWebExchange.from(request), (e) -> Mono.empty()).block())
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("larger than");
	}

	@Test
	void anAddressOverTheLimitIsRefusedWithAProblem() {
		MockServerHttpRequest tooLong = MockServerHttpRequest.get("/api/users?q=" + "x".repeat(5000)).build();
		assertThatThrownBy(() -> this.filter.filter(MockServerWebExchange.from(tooLong), (e) -> Mono.empty()).block())
			.isInstanceOf(ApiException.class)
			.hasMessageContaining("address is longer");
		MockServerHttpRequest fine = MockServerHttpRequest.get("/api/users?q=" + "x".repeat(4000)).build();
		this.filter.filter(MockServerWebExchange.from(fine), (e) -> Mono.empty()).block();
	}

	@Test
	void aStreamedBodyIsCutOffAsItPassesTheLimitAndUploadsMayBeLarger() {
		assertThatThrownBy(() -> read("/api/conversations", 150)).isInstanceOf(ApiException.class);
		assertThat(read("/api/conversations", 90)).isEqualTo(90);
		assertThat(read("/api/media", 900)).isEqualTo(900);
	}

	/**
	 * Sends a body of {@code size} bytes in chunks of 10, without a length; returns what
	 * got through.
	 */
	private Integer read(String path, int size) {
		Flux<DataBuffer> chunks = Flux.range(0, size / 10)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap("0123456789".getBytes(StandardCharsets.UTF_8)));
		MockServerHttpRequest request = MockServerHttpRequest.post(path).body(chunks);
		int[] seen = { 0 };
		this.filter
			.filter(MockServerWebExchange.from(request),
					(ServerWebExchange e) -> e.getRequest()
						.getBody()
						.doOnNext((buffer) -> seen[0] += buffer.readableByteCount())
						.then())
			.block();
		return seen[0];
	}

}
