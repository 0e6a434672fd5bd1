package dev.parley.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressWebFilterTest {

	@Test
	void aClientsOwnForwardingHeadersAreReplacedByItsConnectionAddress() {
		HttpHeaders forwarded = forward(filter(), "203.0.113.9", "1.2.3.4, 5.6.7.8");
		assertThat(forwarded.get("X-Forwarded-For")).containsExactly("203.0.113.9");
		assertThat(forwarded.containsHeader("Forwarded")).isFalse();
		assertThat(forwarded.containsHeader("X-Real-IP")).isFalse();
	}

	@Test
	void behindATrustedProxyTheClientIsTheLastHopThatIsNotOneOfOurs() {
		ClientAddressWebFilter filter = filter("10.0.0.0/8", "192.0.2.1");
		assertThat(forward(filter, "10.1.2.3", "6.6.6.6, 198.51.100.7, 192.0.2.1").get("X-Forwarded-For"))
			.as("what the client wrote before the first trusted hop is ignored")
			.containsExactly("198.51.100.7");
		assertThat(forward(filter, "10.1.2.3", "198.51.100.7, not-an-address").get("X-Forwarded-For"))
			.as("a malformed chain is not believed")
			.containsExactly("10.1.2.3");
		assertThat(forward(filter, "203.0.113.9", "198.51.100.7").get("X-Forwarded-For"))
			.as("an untrusted connection's chain is not believed")
			.containsExactly("203.0.113.9");
	}

	@Test
	void anIpv6ClientCountsAsItsSlash64() {
		assertThat(ClientAddressWebFilter.counted("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
			.isEqualTo("2001:db8:1:2:0:0:0:0");
		assertThat(ClientAddressWebFilter.counted("2001:db8:1:2::1"))
			.isEqualTo(ClientAddressWebFilter.counted("2001:db8:1:2:ffff::9"));
		assertThat(ClientAddressWebFilter.counted("203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(forward(filter(), "2001:db8:1:2::77", "1.2.3.4").get("X-Forwarded-For"))
			.containsExactly("2001:db8:1:2:0:0:0:0");
	}

	@Test
	void rangesMatchByPrefix() {
		ClientAddressWebFilter.Cidr range = ClientAddressWebFilter.Cidr.parse("172.16.0.0/12");
		assertThat(range.contains(new byte[] { (byte) 172, 31, (byte) 255, 1 })).isTrue();
		assertThat(range.contains(new byte[] { (byte) 172, 32, 0, 1 })).isFalse();
		assertThat(ClientAddressWebFilter.Cidr.parse("::1").contains(new byte[] { 127, 0, 0, 1 })).isFalse();
	}

	private static ClientAddressWebFilter filter(String... trusted) {
		return new ClientAddressWebFilter(new EdgeProperties(List.of(trusted), "default-src 'self'",
				DataSize.ofKilobytes(64), DataSize.ofMegabytes(25), List.of("/api/media"), List.of()));
	}

	private static HttpHeaders forward(ClientAddressWebFilter filter, String connection, String xForwardedFor) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/users/me")
			.remoteAddress(new InetSocketAddress(connection, 40000))
			.header("X-Forwarded-For", xForwardedFor)
			.header("Forwarded", "for=1.2.3.4")
			.header("X-Real-IP", "1.2.3.4")
			.build();
		AtomicReference<HttpHeaders> seen = new AtomicReference<>();
		filter.filter(MockServerWebExchange.from(request), (exchange) -> {
			seen.set(exchange.getRequest().getHeaders());
			return Mono.empty();
		}).block();
		return seen.get();
	}

}
