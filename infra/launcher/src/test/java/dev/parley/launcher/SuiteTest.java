package dev.parley.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteTest {

	@TempDir
	Path dir;

	@Test
	void startingWhileAnotherLauncherRunsIsRefusedAndLeavesItsStateAlone() throws Exception {
		Process other = new ProcessBuilder("sleep", "30").start();
		try {
			StateDir state = new StateDir(this.dir.resolve("state"));
			java.nio.file.Files.createDirectories(state.path());
			java.nio.file.Files.writeString(state.launcherPidFile(),
					StateDir.Recorded.of(other.toHandle()).line() + System.lineSeparator());
			SuiteOptions options = SuiteOptions.ephemeral(this.dir, state.path(), Map.of());

			assertThatThrownBy(() -> Suite.start(options, Map.of())).isInstanceOf(LaunchException.class)
				.hasMessageContaining("already running")
				.hasMessageContaining(String.valueOf(other.pid()));
			assertThat(state.runningLauncher()).map(ProcessHandle::pid).contains(other.pid());
		}
		finally {
			other.destroy();
		}
	}

	@Test
	void aTakenPortIsNamedBeforeAnythingStarts() throws Exception {
		SuiteOptions options = SuiteOptions.ephemeral(this.dir, this.dir.resolve("state"), Map.of());
		try (java.net.ServerSocket taken = new java.net.ServerSocket(options.gatewayPort(), 1,
				java.net.InetAddress.getByName("127.0.0.1"))) {
			assertThatThrownBy(() -> Suite.start(options, Map.of())).isInstanceOf(LaunchException.class)
				.hasMessageContaining("port " + options.gatewayPort() + " (gateway)")
				.hasMessageContaining("already in use");
		}
	}

	@Test
	void aMissingBuildIsNamedWithTheCommandThatFixesIt() {
		SuiteOptions options = SuiteOptions.ephemeral(this.dir, this.dir.resolve("state"), Map.of());
		Map<String, String> external = Map.of("PARLEY_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/x",
				"PARLEY_REDIS_HOST", "127.0.0.1", "PARLEY_KAFKA_BOOTSTRAP", "127.0.0.1:1", "SPRING_MAIL_HOST",
				"127.0.0.1");
		assertThatThrownBy(() -> Suite.start(options, external)).isInstanceOf(LaunchException.class)
			.hasMessageContaining("is not built")
			.hasMessageContaining("./chat");
	}

}
