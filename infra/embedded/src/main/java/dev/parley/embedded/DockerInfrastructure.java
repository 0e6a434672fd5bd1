package dev.parley.embedded;

import java.util.function.Consumer;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same infrastructure from Testcontainers, for machines with a Docker engine
 * ({@code mvn -Pdocker verify}).
 */
final class DockerInfrastructure {

	private DockerInfrastructure() {
	}

	static Infrastructure start(Consumer<AutoCloseable> onStop) {
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine")
			.withDatabaseName(EmbeddedPostgresServer.DATABASE);
		GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
		KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");
		postgres.start();
		onStop.accept(postgres);
		redis.start();
		onStop.accept(redis);
		kafka.start();
		onStop.accept(kafka);
		return new Infrastructure(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
				redis.getHost(), redis.getMappedPort(6379), kafka.getBootstrapServers());
	}

}
