package dev.parley.embedded;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import redis.embedded.RedisServer;

/**
 * The redis-server binary bundled with com.github.codemonstur embedded-redis, on
 * loopback, without persistence (Parley keeps only presence and fan-out state in Redis).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	private static final int TEXT_FILE_BUSY_ATTEMPTS = 10;

	private final RedisServer server;

	private final ProcessHandle process;

	private EmbeddedRedisServer(RedisServer server, ProcessHandle process) {
		this.server = server;
		this.process = process;
	}

	public static EmbeddedRedisServer start(int port) {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind(Ports.LOOPBACK)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
			startExtracted(server);
			ProcessHandle process = ProcessHandle.current()
				.children()
				.filter((child) -> !before.contains(child.pid()))
				// Redis rewrites its command line; the executable's path stays.
				.filter((child) -> child.info().command().orElse("").contains("redis-server"))
				.findFirst()
				.orElse(null);
			return new EmbeddedRedisServer(server, process);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start embedded Redis on port " + port, ex);
		}
	}

	/**
	 * Starts the binary the library has just written to a temporary file. If another
	 * thread forks a process (PostgreSQL, Kafka) while that file is still open for
	 * writing, the child inherits the descriptor for a moment and exec fails with ETXTBSY
	 * ("Text file busy"); that passes as soon as the child has exec'd, so it is retried a
	 * few times before giving up.
	 */
	private static void startExtracted(RedisServer server) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				server.start();
				return;
			}
			catch (IOException ex) {
				if (attempt == TEXT_FILE_BUSY_ATTEMPTS || !textFileBusy(ex)) {
					throw ex;
				}
				try {
					Thread.sleep(50L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	private static boolean textFileBusy(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("Text file busy")) {
				return true;
			}
		}
		return false;
	}

	/** The redis-server process (a child of this JVM), when it could be found. */
	public Optional<ProcessHandle> handle() {
		return Optional.ofNullable(this.process);
	}

	@Override
	public void close() throws IOException {
		this.server.stop();
	}

}
