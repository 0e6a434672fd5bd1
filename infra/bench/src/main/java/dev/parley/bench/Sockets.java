package dev.parley.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Opens and closes many sockets through the gateway. A few threads run every socket's
 * callbacks, and each of eight HTTP clients (one selector thread each, each from its own
 * loopback address) carries an eighth of the sockets: the client stays light next to the
 * suite on the same cores.
 */
final class Sockets implements AutoCloseable {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private final Gateway gateway;

	private final ExecutorService executor;

	private final ClientAddresses clients;

	Sockets(Gateway gateway, int threads) {
		this.gateway = gateway;
		this.executor = Executors.newFixedThreadPool(threads,
				Thread.ofPlatform().daemon().name("bench-io-", 0).factory());
		// Eight clients from eight addresses: the gateway limits socket upgrades per
		// address.
		this.clients = new ClientAddresses(gateway.base(), 8,
				(builder) -> builder.executor(this.executor).connectTimeout(CONNECT_TIMEOUT));
	}

	/**
	 * Opens one authenticated socket per owner (an owner may appear many times), at most
	 * {@code atOnce} connecting at a time, and stops starting new ones once
	 * {@code stopAfterFailures} have failed.
	 */
	Opened open(List<Account> owners, int atOnce, int stopAfterFailures, Sock.Handler handler) {
		long started = System.nanoTime();
		List<Sock> opened = Collections.synchronizedList(new ArrayList<>());
		Map<String, Integer> failures = Collections.synchronizedMap(new TreeMap<>());
		AtomicInteger failed = new AtomicInteger();
		Histogram connectAuth = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
		Semaphore permits = new Semaphore(atOnce);
		CountDownLatch done = new CountDownLatch(owners.size());
		int launched = 0;
		for (Account owner : owners) {
			permits.acquireUninterruptibly();
			if (failed.get() >= stopAfterFailures) {
				permits.release();
				break;
			}
			launched++;
			Sock sock = new Sock(owner, this.executor);
			sock.handler(handler);
			long begun = System.nanoTime();
			sock.open(this.clients.next(), this.gateway.socketUri(), CONNECT_TIMEOUT)
				.whenComplete((ackNanos, failure) -> {
					if (failure != null) {
						failed.incrementAndGet();
						failures.merge(Sock.reason(failure), 1, Integer::sum);
						sock.close();
					}
					else {
						opened.add(sock);
						connectAuth.recordValue(Math.min(connectAuth.getHighestTrackableValue(),
								Math.max(0, (ackNanos - begun) / 1000)));
					}
					permits.release();
					done.countDown();
				});
		}
		for (int i = launched; i < owners.size(); i++) {
			done.countDown();
		}
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Opened(List.copyOf(opened), Map.copyOf(failures), connectAuth, (System.nanoTime() - started) / 1e9,
				launched < owners.size());
	}

	/** Closes every socket and gives the server a moment to see them go. */
	void close(List<Sock> socks) {
		socks.forEach(Sock::close);
		Gateway.sleep(Duration.ofSeconds(Math.min(5, 1 + socks.size() / 1000)));
	}

	@Override
	public void close() {
		for (HttpClient client : this.clients.all()) {
			client.shutdownNow();
		}
		this.executor.shutdownNow();
	}

	/** The outcome of opening sockets. */
	record Opened(List<Sock> socks, Map<String, Integer> failures, Histogram connectAuthMicros, double seconds,
			boolean stoppedEarly) {

		int failed() {
			return this.failures.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
