package dev.parley.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateDirTest {

	@TempDir
	Path dir;

	@Test
	void aClaimedStateDirNamesTheRunningLauncher() {
		StateDir state = new StateDir(this.dir);
		assertThat(state.runningLauncher()).isEmpty();
		state.claim();
		assertThat(state.runningLauncher()).map(ProcessHandle::pid).contains(ProcessHandle.current().pid());
		state.clear();
		assertThat(state.runningLauncher()).isEmpty();
	}

	@Test
	void aRecordedProcessIsLiveOnlyWhileItRuns() throws Exception {
		Process sleeper = new ProcessBuilder("sleep", "30").start();
		StateDir state = new StateDir(this.dir);
		state.record(List.of(StateDir.Recorded.of("sleeper", sleeper.toHandle())));
		StateDir.Recorded recorded = state.recordedProcesses().getFirst();
		assertThat(recorded.name()).isEqualTo("sleeper");
		assertThat(recorded.live()).isPresent();
		sleeper.destroy();
		sleeper.waitFor(5, TimeUnit.SECONDS);
		assertThat(recorded.live()).isEmpty();
	}

	@Test
	void aReusedPidWithAnotherStartTimeIsNotOurs() {
		ProcessHandle self = ProcessHandle.current();
		StateDir.Recorded stale = new StateDir.Recorded("old", self.pid(), Instant.parse("2001-01-01T00:00:00Z"));
		assertThat(stale.live()).isEmpty();
	}

	@Test
	void aStartTimeReadASecondApartIsStillOurs() {
		ProcessHandle self = ProcessHandle.current();
		Instant started = self.info().startInstant().orElseThrow();
		StateDir.Recorded earlier = new StateDir.Recorded("launcher", self.pid(), started.minusSeconds(1));
		StateDir.Recorded later = new StateDir.Recorded("launcher", self.pid(), started.plusSeconds(1));
		assertThat(earlier.live()).isPresent();
		assertThat(later.live()).isPresent();
		StateDir.Recorded minuteOff = new StateDir.Recorded("launcher", self.pid(), started.minusSeconds(60));
		assertThat(minuteOff.live()).isEmpty();
	}

	@Test
	void unreadableStateIsTreatedAsNothingRunning() throws IOException {
		Files.writeString(this.dir.resolve("launcher.pid"), "garbage");
		assertThat(new StateDir(this.dir).runningLauncher()).isEmpty();
	}

	@Test
	void downWithNothingRunningSaysSoAndCleansUp() throws IOException {
		StateDir state = new StateDir(this.dir);
		state.recordReady("http://127.0.0.1:1", null);
		assertThat(Launcher.down(state)).isZero();
		assertThat(state.readyFile()).doesNotExist();
	}

	@Test
	void downEndsLeftoverProcessesOfACrashedLauncher() throws Exception {
		Process orphan = new ProcessBuilder("sleep", "30").start();
		StateDir state = new StateDir(this.dir);
		state.record(List.of(StateDir.Recorded.of("orphan", orphan.toHandle())));
		assertThat(Launcher.down(state)).isZero();
		assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
		assertThat(state.recordedProcesses()).isEmpty();
	}

}
