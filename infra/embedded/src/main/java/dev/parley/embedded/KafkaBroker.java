package dev.parley.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode, run from the kafka_2.13 classes on this JVM's
 * classpath as a child JVM (so its logging and heap stay apart from ours).
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final int port;

	private KafkaBroker(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Formats the log directory on first use, then starts the broker and waits until it
	 * answers.
	 * @param directory holds the configuration and the data
	 * @param log where the broker's output goes
	 */
	public static KafkaBroker start(Path directory, Path log, int port, int controllerPort) {
		try {
			Path data = directory.resolve("data");
			Files.createDirectories(data);
			Path config = directory.resolve("server.properties");
			writeConfig(config, data, port, controllerPort);
			Files.createDirectories(log.getParent());
			Path logback = writeQuietLogback(directory);
			if (!Files.exists(data.resolve("meta.properties"))) {
				Process format = new ProcessBuilder(command(logback, "kafka.tools.StorageTool", "format", "-t",
						Uuid.randomUuid().toString(), "-c", config.toString()))
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
					throw new IllegalStateException("Formatting Kafka storage failed; see " + log);
				}
			}
			Process process = new ProcessBuilder(command(logback, "kafka.Kafka", config.toString()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			KafkaBroker broker = new KafkaBroker(process, port);
			broker.awaitReady(log);
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String bootstrapServers() {
		return Ports.LOOPBACK + ":" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public ProcessHandle handle() {
		return this.process.toHandle();
	}

	private void awaitReady(Path log) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000);
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Kafka exited with " + this.process.exitValue() + " while starting; see " + log);
			}
			if (Ports.inUse(this.port)) {
				try (Admin admin = Admin.create(config)) {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					return;
				}
				catch (Exception ex) {
					// not ready yet
				}
			}
			if (Instant.now().isAfter(deadline)) {
				close();
				throw new IllegalStateException("Kafka did not become ready within " + START_TIMEOUT + "; see " + log);
			}
			Ports.sleep(Duration.ofMillis(200));
		}
	}

	private static List<String> command(Path logback, String mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
				"-Dlogback.configurationFile=" + logback, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
				System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return command;
	}

	private static void writeConfig(Path file, Path data, int port, int controllerPort) throws IOException {
		Properties p = new Properties();
		p.setProperty("process.roles", "broker,controller");
		p.setProperty("node.id", "1");
		p.setProperty("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
		p.setProperty("listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK
				+ ":" + controllerPort);
		p.setProperty("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
		p.setProperty("controller.listener.names", "CONTROLLER");
		p.setProperty("inter.broker.listener.name", "PLAINTEXT");
		p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
		p.setProperty("log.dirs", data.toString());
		p.setProperty("num.partitions", "3");
		p.setProperty("offsets.topic.replication.factor", "1");
		p.setProperty("offsets.topic.num.partitions", "3");
		p.setProperty("transaction.state.log.replication.factor", "1");
		p.setProperty("transaction.state.log.min.isr", "1");
		p.setProperty("transaction.state.log.num.partitions", "3");
		p.setProperty("share.coordinator.state.topic.replication.factor", "1");
		p.setProperty("share.coordinator.state.topic.min.isr", "1");
		p.setProperty("group.initial.rebalance.delay.ms", "0");
		p.setProperty("auto.create.topics.enable", "true");
		try (var out = Files.newOutputStream(file)) {
			p.store(out, "Written by Parley's embedded Kafka broker");
		}
	}

	private static Path writeQuietLogback(Path directory) throws IOException {
		Path file = directory.resolve("logback.xml");
		Files.writeString(file, """
				<configuration>
				  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="WARN"><appender-ref ref="OUT"/></root>
				</configuration>
				""");
		return file;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
