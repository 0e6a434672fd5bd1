package dev.parley.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP clients that come from different addresses, as many people would: against a
 * gateway on this machine, each is bound to its own loopback address (127.0.2.1, .2, …;
 * all of 127.0.0.0/8 reaches the gateway), so the gateway's limits per client address
 * meet many clients, not one. Against a gateway elsewhere there is one client.
 */
public final class ClientAddresses {

	private final HttpClient[] clients;

	private final AtomicInteger next = new AtomicInteger();

	public ClientAddresses(String gateway, int count) {
		this(gateway, count, (builder) -> builder.connectTimeout(Duration.ofSeconds(10)));
	}

	/** {@code settings}: anything else the clients need (an executor, timeouts). */
	public ClientAddresses(String gateway, int count, java.util.function.UnaryOperator<HttpClient.Builder> settings) {
		boolean local = isLoopback(URI.create(gateway).getHost());
		this.clients = new HttpClient[local ? count : 1];
		for (int i = 0; i < this.clients.length; i++) {
			HttpClient.Builder builder = settings.apply(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
			if (local) {
				builder.localAddress(address(i));
			}
			this.clients[i] = builder.build();
		}
	}

	/** Every client, to close them. */
	java.util.List<HttpClient> all() {
		return java.util.List.of(this.clients);
	}

	/** The next client, round robin. */
	public HttpClient next() {
		return this.clients[Math.floorMod(this.next.getAndIncrement(), this.clients.length)];
	}

	private static InetAddress address(int index) {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, (byte) (2 + index / 250), (byte) (1 + index % 250) });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isLoopback(String host) {
		try {
			return host != null && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
