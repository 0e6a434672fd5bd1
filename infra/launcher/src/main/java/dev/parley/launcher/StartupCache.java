package dev.parley.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the suite's JVMs start fast on every {@code ./chat up} after the first: each
 * service runs from its jar extracted under {@code .parley/app/<module>/} (plain jars on
 * a class path, which the JDK can cache; classes inside a nested jar it cannot), with a
 * JDK AOT cache ({@code .parley/aot/<process>-<jdk>.aot}: classes loaded and linked,
 * method profiles) that the JVM wrote when it last exited.
 *
 * <p>
 * After a build the first run trains: its JVMs record what they load and write their
 * cache as they shut down ({@code -XX:AOTCacheOutput}, which takes some seconds per JVM
 * at {@code ./chat down}). Later runs start from the cache ({@code -XX:AOTCache}). A
 * cache the JVM cannot use (another JDK, other flags) is ignored with a warning, so the
 * worst case is the ordinary start-up.
 */
final class StartupCache {

	private final Path root;

	private final Path apps;

	private final Path caches;

	StartupCache(Path root, Path stateDir) {
		this.root = root;
		this.apps = stateDir.resolve("app");
		this.caches = stateDir.resolve("aot");
	}

	/**
	 * Extracts the executable jars of the given services that are new or rebuilt since
	 * their last extraction, in parallel.
	 */
	void extract(Collection<ServiceSpec> specs) {
		specs.stream().map((spec) -> spec.jar(this.root)).distinct().toList().parallelStream().forEach(this::extract);
	}

	private void extract(Path jar) {
		Path target = appDir(jar);
		try {
			if (Files.isRegularFile(target.resolve(jar.getFileName())) && !Files.getLastModifiedTime(jar)
				.toInstant()
				.isAfter(Files.getLastModifiedTime(stamp(jar)).toInstant())) {
				return;
			}
			Files.createDirectories(target);
			Process process = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
					"--destination", target.toString(), "--force")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new LaunchException("Could not extract " + jar + " to " + target);
			}
			// Written last: it says a whole build was extracted, and caches older than it
			// are stale.
			Files.writeString(stamp(jar), jar.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract " + jar, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while extracting " + jar);
		}
	}

	/** Whether any of the services has no usable cache yet (this run records it). */
	boolean training(Collection<ServiceSpec> specs) {
		return specs.stream().anyMatch((spec) -> !fresh(spec));
	}

	/** How to run a service: its extracted jar, with its cache or recording one. */
	Launch launch(ServiceSpec spec) {
		Path jar = spec.jar(this.root);
		Path cache = cache(spec);
		try {
			Files.createDirectories(this.caches);
			List<String> flags = new ArrayList<>();
			boolean fresh = fresh(spec);
			if (fresh) {
				flags.add("-XX:AOTCache=" + cache);
			}
			else {
				Files.deleteIfExists(cache);
				flags.add("-XX:AOTCacheOutput=" + cache);
			}
			// The cache is an optimisation: its notes stay out of the service's log.
			flags.add("-Xlog:aot*=error,cds*=error");
			return new Launch(appDir(jar).resolve(jar.getFileName()), flags, !fresh);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the start-up cache of " + spec.name(), ex);
		}
	}

	private boolean fresh(ServiceSpec spec) {
		Path cache = cache(spec);
		Path stamp = stamp(spec.jar(this.root));
		try {
			return Files.isRegularFile(cache) && Files.isRegularFile(stamp)
					&& Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(stamp)) > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** One cache per process (two replicas of a service write two) and JDK. */
	private Path cache(ServiceSpec spec) {
		Runtime.Version jdk = Runtime.version();
		return this.caches
			.resolve(spec.name() + "-" + jdk.feature() + "." + jdk.interim() + "." + jdk.update() + ".aot");
	}

	private Path stamp(Path jar) {
		return appDir(jar).resolve(".extracted");
	}

	private Path appDir(Path jar) {
		String name = jar.getFileName().toString();
		return this.apps.resolve(name.substring(0, name.length() - ".jar".length()));
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * @param jar the jar to run
	 * @param flags JVM flags for the cache
	 * @param training whether this run writes the cache when it exits
	 */
	record Launch(Path jar, List<String> flags, boolean training) {
	}

}
