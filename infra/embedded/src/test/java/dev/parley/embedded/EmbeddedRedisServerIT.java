package dev.parley.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embedded Redis starts while other threads of the same JVM are forking processes, as the
 * launcher does when it starts PostgreSQL and Kafka alongside Redis. (A fork that catches
 * the freshly written binary open for writing made exec fail with "Text file busy" on
 * CI.)
 */
class EmbeddedRedisServerIT {

	@Test
	void startsWhileOtherThreadsForkProcesses() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger forks = new AtomicInteger();
		Thread[] forkers = new Thread[3];
		for (int i = 0; i < forkers.length; i++) {
			forkers[i] = Thread.ofPlatform().start(() -> {
				while (running.get()) {
					try {
						new ProcessBuilder("true").start().waitFor();
						forks.incrementAndGet();
					}
					catch (IOException | InterruptedException ex) {
						return;
					}
				}
			});
		}
		try {
			for (int round = 0; round < 20; round++) {
				int port = Ports.free();
				try (EmbeddedRedisServer server = EmbeddedRedisServer.start(port)) {
					assertThat(ping(port)).isEqualTo("+PONG");
				}
			}
		}
		finally {
			running.set(false);
			for (Thread forker : forkers) {
				forker.join();
			}
		}
		assertThat(forks.get()).as("processes forked while Redis started").isPositive();
	}

	private static String ping(int port) throws IOException {
		try (Socket socket = new Socket(Ports.LOOPBACK, port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
				reply.append((char) c);
			}
			return reply.toString();
		}
	}

}
