package dev.parley.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * coturn ({@code turnserver}, Debian's {@code coturn} package) on loopback, for calls on
 * one machine: STUN and TURN on one port, relays on loopback, credentials by the TURN
 * REST scheme ({@code use-auth-secret}: short-lived usernames signed with a shared
 * secret, see signaling-service's {@code IceServers}). The secret goes in a config file
 * only this user can read, never on the command line.
 */
public final class TurnServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private TurnServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** The {@code turnserver} binary: {@code PARLEY_TURNSERVER}, else on the PATH. */
	public static Optional<Path> binary() {
		String configured = System.getenv("PARLEY_TURNSERVER");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		String path = System.getenv().getOrDefault("PATH", "");
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "turnserver");
			if (!dir.isBlank() && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts coturn on {@code port} (UDP and TCP) with relay ports from {@code relayFrom}
	 * to {@code relayFrom + 99}; returns once it listens.
	 */
	public static TurnServer start(Path binary, int port, int relayFrom, String secret, Path workDir, Path log) {
		try {
			Files.createDirectories(workDir);
			Path config = workDir.resolve("turnserver.conf");
			Files.deleteIfExists(config);
			Files.createFile(config,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(config,
					String.join("\n", "listening-ip=" + Ports.LOOPBACK, "relay-ip=" + Ports.LOOPBACK,
							"listening-port=" + port, "min-port=" + relayFrom, "max-port=" + (relayFrom + 99),
							"use-auth-secret", "static-auth-secret=" + secret, "realm=parley", "fingerprint", "no-tls",
							"no-dtls", "no-cli", "no-multicast-peers",
							// Both ends of a call on one machine: relays to loopback
							// peers.
							"allow-loopback-peers", "log-file=stdout", "simple-log",
							"pidfile=" + workDir.resolve("turnserver.pid"), "userdb=" + workDir.resolve("turndb"), ""));
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(binary.toString(), "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			TurnServer server = new TurnServer(process, port);
			server.awaitListening(Duration.ofSeconds(10));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start coturn on port " + port, ex);
		}
	}

	private void awaitListening(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"coturn exited with code " + this.process.exitValue() + " right after it started; see its log");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(Ports.LOOPBACK, this.port), 200);
				return;
			}
			catch (IOException ex) {
				sleep();
			}
		}
		close();
		throw new IllegalStateException("coturn did not listen on port " + this.port + " within " + timeout);
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public int port() {
		return this.port;
	}

	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
