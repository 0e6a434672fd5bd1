package dev.parley.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM started by the launcher, its output going to its own log file.
 */
final class ChildProcess {

	private final ServiceSpec spec;

	private final Process process;

	private final Path log;

	/** Whether the JVM writes its start-up cache as it exits (which takes a while). */
	private final boolean training;

	private ChildProcess(ServiceSpec spec, Process process, Path log, boolean training) {
		this.spec = spec;
		this.process = process;
		this.log = log;
		this.training = training;
	}

	/**
	 * Starts the service's JVM; with a {@link StartupCache}, from its extracted jar and
	 * cache (see there), otherwise from the executable jar. Its log starts afresh.
	 */
	static ChildProcess start(ServiceSpec spec, Path root, Path logs, Map<String, String> environment,
			StartupCache cache) {
		return start(spec, root, logs, environment, cache, null);
	}

	/**
	 * Starts the JVM again after it ended: its log goes on below a line that says why, so
	 * what it wrote before it died stays readable.
	 */
	static ChildProcess restart(ServiceSpec spec, Path root, Path logs, Map<String, String> environment,
			StartupCache cache, String why) {
		return start(spec, root, logs, environment, cache, why);
	}

	private static ChildProcess start(ServiceSpec spec, Path root, Path logs, Map<String, String> environment,
			StartupCache cache, String restartedBecause) {
		Path jar = spec.jar(root);
		if (!Files.isRegularFile(jar)) {
			throw new LaunchException(spec.name() + " is not built (" + root.relativize(jar)
					+ " is missing). Run ./chat build, or ./chat up which builds what is missing.");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(spec.jvm().flags());
		boolean training = false;
		if (cache != null) {
			StartupCache.Launch launch = cache.launch(spec);
			command.addAll(launch.flags());
			jar = launch.jar();
			training = launch.training();
		}
		command.addAll(List.of("-jar", jar.toString()));
		try {
			Files.createDirectories(logs);
			Path log = logs.resolve(spec.name() + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
			if (restartedBecause != null) {
				Files.writeString(log,
						System.lineSeparator() + "---- " + java.time.Instant.now() + ": " + spec.name() + " "
								+ restartedBecause + "; the launcher starts it again ----" + System.lineSeparator(),
						java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
				builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			}
			else {
				builder.redirectOutput(log.toFile());
			}
			builder.environment().putAll(environment);
			builder.environment().put("PORT", String.valueOf(spec.port()));
			return new ChildProcess(spec, builder.start(), log, training);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + spec.name(), ex);
		}
	}

	ServiceSpec spec() {
		return this.spec;
	}

	String name() {
		return this.spec.name();
	}

	Path log() {
		return this.log;
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Asks the JVM to shut down gracefully, then kills it if it takes too long (longer
	 * while it writes its start-up cache).
	 */
	void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(this.training ? 150 : 20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	/** The last lines of the log, to show why a process died. */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
