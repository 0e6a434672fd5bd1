package dev.parley.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The infrastructure of one test JVM, started on first use and stopped when the JVM
 * exits. Each part comes from the environment when configured there (PARLEY_POSTGRES_URL,
 * PARLEY_REDIS_HOST, PARLEY_KAFKA_BOOTSTRAP), from Testcontainers when the system
 * property {@code parley.infra} is {@code docker}, and is otherwise started embedded on
 * free ports.
 */
public final class SharedInfrastructure {

	private static Infrastructure instance;

	private static final Deque<AutoCloseable> started = new ArrayDeque<>();

	private SharedInfrastructure() {
	}

	public static synchronized Infrastructure get() {
		if (instance == null) {
			Runtime.getRuntime().addShutdownHook(new Thread(SharedInfrastructure::stopAll, "parley-infra-stop"));
			instance = "docker".equals(System.getProperty("parley.infra")) ? DockerInfrastructure.start(started::push)
					: startEmbedded(Infrastructure.configured(System.getenv()));
		}
		return instance;
	}

	private static Infrastructure startEmbedded(Infrastructure.Configured configured) {
		String jdbcUrl = configured.jdbcUrl();
		String user = configured.dbUser();
		String password = configured.dbPassword();
		if (jdbcUrl == null) {
			EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Ports.free(), null);
			started.push(postgres);
			jdbcUrl = postgres.jdbcUrl();
			user = EmbeddedPostgresServer.USER;
			password = "";
		}
		String redisHost = configured.redisHost();
		int redisPort = configured.redisPort();
		if (redisHost == null) {
			redisPort = Ports.free();
			started.push(EmbeddedRedisServer.start(redisPort));
			redisHost = Ports.LOOPBACK;
		}
		String kafka = configured.kafkaBootstrap();
		if (kafka == null) {
			Path dir = tempDir("parley-kafka");
			KafkaBroker broker = KafkaBroker.start(dir, dir.resolve("kafka.log"), Ports.free(), Ports.free());
			started.push(broker);
			kafka = broker.bootstrapServers();
		}
		return new Infrastructure(jdbcUrl, user, password, redisHost, redisPort, kafka);
	}

	private static Path tempDir(String prefix) {
		try {
			Path dir = Files.createTempDirectory(prefix);
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static synchronized void stopAll() {
		while (!started.isEmpty()) {
			try {
				started.pop().close();
			}
			catch (Exception ex) {
				System.err.println("Stopping test infrastructure: " + ex);
			}
		}
	}

}
