package dev.parley.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Decides who the client is, once, for everything behind the gateway: the connection's
 * address, or, when the connection comes from a trusted proxy, the last address that
 * proxy chain saw before itself. Whatever forwarding headers the client sent are dropped
 * (they are whatever the client wants them to be), and {@code X-Forwarded-For} is set to
 * the one decided address, which the limits here and the services' throttles count by. An
 * IPv6 client counts as its /64 network (the least a provider hands one subscriber), so
 * that it cannot be many clients by using many of its addresses.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ClientAddressWebFilter implements WebFilter {

	/** The exchange attribute holding the client's address. */
	static final String ATTRIBUTE = ClientAddressWebFilter.class.getName() + ".address";

	private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP");

	private final List<Cidr> trusted;

	ClientAddressWebFilter(EdgeProperties properties) {
		this.trusted = properties.trustedProxies()
			.stream()
			.filter((proxy) -> !proxy.isBlank())
			.map(String::trim)
			.map(Cidr::parse)
			.toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String client = counted(client(exchange));
		exchange.getAttributes().put(ATTRIBUTE, client);
		var request = exchange.getRequest().mutate().headers((headers) -> {
			FORWARDING.forEach(headers::remove);
			headers.set("X-Forwarded-For", client);
		}).build();
		return chain.filter(exchange.mutate().request(request).build());
	}

	static String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	private String client(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String connection = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress()
				: "unknown";
		if (!trusted(connection)) {
			return connection;
		}
		// Right to left: the first hop that is not one of our proxies is the client.
		List<String> hops = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i).trim();
			if (!isAddress(hop)) {
				return connection; // a malformed chain: trust nothing in it
			}
			if (!trusted(hop)) {
				return hop;
			}
		}
		return connection;
	}

	/** IPv4 as it is; IPv6 as the network address of its /64. */
	static String counted(String address) {
		if (!isAddress(address)) {
			return address;
		}
		byte[] bytes = InetAddress.ofLiteral(address).getAddress();
		if (bytes.length == 4) {
			return InetAddress.ofLiteral(address).getHostAddress();
		}
		java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return address;
		}
	}

	private boolean trusted(String address) {
		if (!isAddress(address)) {
			return false;
		}
		byte[] bytes = InetAddress.ofLiteral(address).getAddress();
		return this.trusted.stream().anyMatch((range) -> range.contains(bytes));
	}

	private static boolean isAddress(String text) {
		if (text.isEmpty() || !text.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return false;
		}
		try {
			InetAddress.ofLiteral(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** An address or a range of them, such as {@code 10.0.0.0/8}. */
	record Cidr(byte[] network, int bits) {

		static Cidr parse(String text) {
			int slash = text.indexOf('/');
			byte[] network = InetAddress.ofLiteral((slash < 0) ? text : text.substring(0, slash)).getAddress();
			int bits = (slash < 0) ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
			return new Cidr(network, bits);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((address[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
