package dev.parley.embedded;

import java.io.IOException;

import redis.embedded.RedisServer;

/**
 * The redis-server binary bundled with com.github.codemonstur embedded-redis, on
 * loopback, without persistence (Parley keeps only presence and fan-out state in Redis).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	private final RedisServer server;

	private EmbeddedRedisServer(RedisServer server) {
		this.server = server;
	}

	public static EmbeddedRedisServer start(int port) {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind(Ports.LOOPBACK)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return new EmbeddedRedisServer(server);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start embedded Redis on port " + port, ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.stop();
	}

}
