package dev.parley.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StartupCacheTest {

	@TempDir
	Path root;

	final ServiceSpec spec = new ServiceSpec("media-service", "media-service", 8085, ServiceSpec.Jvm.LIGHT);

	@Test
	void aFirstRunRecordsTheCacheALaterOneStartsFromItAndARebuildRecordsAgain() throws Exception {
		StartupCache cache = new StartupCache(this.root, this.root.resolve(".parley"));
		Path jar = built(Instant.parse("2026-12-01T10:00:00Z"));
		Path extracted = extracted(Instant.parse("2026-12-01T10:01:00Z"));
		cache.extract(List.of(this.spec)); // up to date: nothing to do (this jar is no
											// Boot jar)

		StartupCache.Launch first = cache.launch(this.spec);
		assertThat(first.jar()).isEqualTo(extracted);
		assertThat(first.training()).isTrue();
		assertThat(first.flags()).anyMatch((flag) -> flag.startsWith("-XX:AOTCacheOutput=" + this.root));
		assertThat(cache.training(List.of(this.spec))).isTrue();

		// The JVM wrote its cache as it exited.
		Path written = Path.of(first.flags().getFirst().substring("-XX:AOTCacheOutput=".length()));
		Files.writeString(written, "cache");
		Files.setLastModifiedTime(written, FileTime.from(Instant.parse("2026-12-01T11:00:00Z")));
		StartupCache.Launch second = cache.launch(this.spec);
		assertThat(second.training()).isFalse();
		assertThat(second.flags()).contains("-XX:AOTCache=" + written);
		assertThat(cache.training(List.of(this.spec))).isFalse();

		// A newer build is extracted again (this fake jar cannot be), and its cache is
		// stale.
		Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T12:00:00Z")));
		assertThatExceptionOfType(LaunchException.class).isThrownBy(() -> cache.extract(List.of(this.spec)));
		extracted(Instant.parse("2026-12-01T12:01:00Z"));
		StartupCache.Launch third = cache.launch(this.spec);
		assertThat(third.training()).isTrue();
		assertThat(written).doesNotExist();
	}

	private Path built(Instant at) throws Exception {
		Path jar = this.spec.jar(this.root);
		Files.createDirectories(jar.getParent());
		Files.writeString(jar, "not a jar");
		Files.setLastModifiedTime(jar, FileTime.from(at));
		return jar;
	}

	private Path extracted(Instant at) throws Exception {
		Path dir = this.root.resolve(".parley/app/media-service-exec");
		Files.createDirectories(dir);
		Path jar = Files.writeString(dir.resolve("media-service-exec.jar"), "thin jar");
		Path stamp = Files.writeString(dir.resolve(".extracted"), "stamp");
		Files.setLastModifiedTime(stamp, FileTime.from(at));
		return jar;
	}

}
