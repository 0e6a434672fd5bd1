package dev.parley.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One JVM of the suite: which module's executable jar, under which name, on which port.
 *
 * @param name the process name, used for its log file ({@code logs/<name>.log})
 * @param module the Maven module directory, relative to the repository root
 * @param port the HTTP port
 */
record ServiceSpec(String name, String module, int port, Jvm jvm) {

	/**
	 * JVM flags per kind of process. Every process of the suite shares two cores, so
	 * heaps are small and the collector is serial; the processes every message crosses
	 * (gateway, signaling, message-service) keep the C2 compiler, since C1-only code
	 * costs the hot path several times its CPU, while the others stop at C1 to start and
	 * idle light.
	 */
	public enum Jvm {

		/** Off the message path: quick start, small footprint. */
		LIGHT("-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1"),

		/** On the message path: fully optimised code. */
		HOT("-Xms64m", "-Xmx384m"),

		/** Holds the sockets: heap for tens of thousands of them. */
		SOCKETS("-Xms64m", "-Xmx768m");

		private final List<String> flags;

		Jvm(String... flags) {
			this.flags = List.of(flags);
		}

		List<String> flags() {
			List<String> all = new java.util.ArrayList<>(
					List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xss512k", "-Djava.awt.headless=true"));
			all.addAll(this.flags);
			return all;
		}

	}

	/** The executable jar the build puts in the module's target folder. */
	Path jar(Path root) {
		String artifact = Path.of(this.module).getFileName().toString();
		return root.resolve(this.module).resolve("target").resolve(artifact + "-exec.jar");
	}

	/** The JVMs of the suite, in start order ({@link ServiceCatalog}), on its ports. */
	static List<ServiceSpec> suite(SuiteOptions options) {
		return ServiceCatalog.services()
			.stream()
			.map((service) -> new ServiceSpec(service.name(), service.module(), options.port(service.name()),
					service.jvm()))
			.toList();
	}

}
