package dev.parley.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/**
 * Loopback port helpers: every server Parley starts binds to 127.0.0.1.
 */
public final class Ports {

	public static final String LOOPBACK = "127.0.0.1";

	private Ports() {
	}

	/** A port that was free a moment ago. */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether something accepts connections on the port. */
	public static boolean inUse(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Waits until something accepts connections on the port, or fails after the timeout.
	 */
	public static void awaitOpen(int port, Duration timeout, String what) {
		Instant deadline = Instant.now().plus(timeout);
		while (!inUse(port)) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(what + " did not open port " + port + " within " + timeout);
			}
			sleep(Duration.ofMillis(100));
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
