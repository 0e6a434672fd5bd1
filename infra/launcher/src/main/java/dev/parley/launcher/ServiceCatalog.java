package dev.parley.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one list of Parley's JVMs, read from {@code services.txt} (this module's resources;
 * its header says who reads it and what checks it).
 */
public final class ServiceCatalog {

	private static final List<Service> SERVICES = read();

	private ServiceCatalog() {
	}

	/** Every JVM of the suite, in start order. */
	public static List<Service> services() {
		return SERVICES;
	}

	/** One distinct deployable per module (replicas left out), in start order. */
	public static List<Service> deployables() {
		return SERVICES.stream().filter((service) -> !service.isReplica()).toList();
	}

	private static List<Service> read() {
		try (InputStream in = ServiceCatalog.class.getResourceAsStream("/services.txt")) {
			if (in == null) {
				throw new IllegalStateException("services.txt is not on the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map(Service::parse)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One JVM.
	 *
	 * @param name its process name (logs, ports, compose service)
	 * @param module its Maven module, relative to the repository root
	 * @param portVariable the environment variable that moves its port under
	 * {@code ./chat up}
	 * @param port its port under {@code ./chat up}
	 * @param jvm what kind of JVM it runs in
	 * @param javaPackage the root package of its code
	 */
	public record Service(String name, String module, String portVariable, int port, ServiceSpec.Jvm jvm,
			String javaPackage) {

		static Service parse(String line) {
			String[] columns = line.split("\\s+");
			if (columns.length != 6) {
				throw new IllegalStateException("services.txt: six columns expected in: " + line);
			}
			return new Service(columns[0], columns[1], columns[2], Integer.parseInt(columns[3]),
					ServiceSpec.Jvm.valueOf(columns[4].toUpperCase(Locale.ROOT)), columns[5]);
		}

		/** The module's artifact, which is also the Spring application (Eureka) name. */
		public String artifact() {
			return Path.of(this.module).getFileName().toString();
		}

		/** A second (or further) process of a module listed before. */
		public boolean isReplica() {
			return !this.name.equals(artifact());
		}

	}

}
