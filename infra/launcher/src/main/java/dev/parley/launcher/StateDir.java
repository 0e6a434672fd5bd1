package dev.parley.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's state folder: the pid of the running launcher and of every process it
 * started (with start times, so a recycled pid is never mistaken for ours).
 */
final class StateDir {

	private final Path dir;

	StateDir(Path dir) {
		this.dir = dir;
	}

	Path path() {
		return this.dir;
	}

	Path launcherPidFile() {
		return this.dir.resolve("launcher.pid");
	}

	Path processesFile() {
		return this.dir.resolve("processes");
	}

	Path readyFile() {
		return this.dir.resolve("ready");
	}

	/** What the supervisor did: restarts, last exits, processes left down. */
	Path supervisionFile() {
		return this.dir.resolve("supervision");
	}

	void recordSupervision(List<Supervisor.Status> statuses) {
		List<String> lines = statuses.stream()
			.map((s) -> String.join("\t", s.name(), s.state().name(), String.valueOf(s.restarts()),
					(s.lastExit() != null) ? s.lastExit().toString() : "-",
					(s.lastExitHow() != null) ? s.lastExitHow().replaceAll("\\s+", " ") : "-"))
			.toList();
		try {
			Files.createDirectories(this.dir);
			Files.write(supervisionFile(), lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The supervisor's records by process name (empty when there are none). */
	Map<String, Supervisor.Status> supervision() {
		Map<String, Supervisor.Status> result = new LinkedHashMap<>();
		if (!Files.exists(supervisionFile())) {
			return result;
		}
		try {
			for (String line : Files.readAllLines(supervisionFile())) {
				String[] parts = line.split("\t", 5);
				if (parts.length == 5) {
					result.put(parts[0],
							new Supervisor.Status(parts[0], Supervisor.State.valueOf(parts[1]),
									Integer.parseInt(parts[2]), parts[3].equals("-") ? null : Instant.parse(parts[3]),
									parts[4].equals("-") ? null : parts[4]));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// A file being rewritten: nothing to add this time.
		}
		return result;
	}

	/** The launcher that owns this state folder, if it is still running. */
	Optional<ProcessHandle> runningLauncher() {
		return read(launcherPidFile()).stream().findFirst().flatMap(Recorded::live);
	}

	void claim() {
		write(launcherPidFile(), List.of(Recorded.of(ProcessHandle.current())));
	}

	void record(List<Recorded> processes) {
		write(processesFile(), processes);
	}

	List<Recorded> recordedProcesses() {
		return read(processesFile());
	}

	/** Marks the suite ready: the app's URL, then the dev mailbox's when there is one. */
	void recordReady(String url, String mailboxUrl) {
		try {
			Files.writeString(readyFile(),
					url + System.lineSeparator() + ((mailboxUrl != null) ? mailboxUrl + System.lineSeparator() : ""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void clear() {
		try {
			Files.deleteIfExists(launcherPidFile());
			Files.deleteIfExists(processesFile());
			Files.deleteIfExists(readyFile());
			Files.deleteIfExists(supervisionFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Recorded> read(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			List<Recorded> result = new ArrayList<>();
			for (String line : Files.readAllLines(file)) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 3) {
					result.add(new Recorded(parts[0], Long.parseLong(parts[1]), Instant.parse(parts[2])));
				}
			}
			return result;
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

	private void write(Path file, List<Recorded> processes) {
		try {
			Files.createDirectories(this.dir);
			Files.write(file, processes.stream().map(Recorded::line).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A process we started: its name, pid and start instant. */
	record Recorded(String name, long pid, Instant started) {

		static final Duration START_TOLERANCE = Duration.ofSeconds(5);

		static Recorded of(ProcessHandle handle) {
			return of("launcher", handle);
		}

		static Recorded of(String name, ProcessHandle handle) {
			return new Recorded(name, handle.pid(), handle.info().startInstant().orElse(Instant.EPOCH));
		}

		/**
		 * The process, if it is alive and is still the one we started: it started when we
		 * recorded, give or take {@link #START_TOLERANCE}. The JDK derives a start
		 * instant from the boot time, which Linux recomputes as the clock is adjusted, so
		 * the same process can read a second apart from one hour to the next.
		 */
		Optional<ProcessHandle> live() {
			return ProcessHandle.of(this.pid)
				.filter(ProcessHandle::isAlive)
				.filter((h) -> h.info().startInstant().map(this::sameStart).orElse(true));
		}

		boolean sameStart(Instant instant) {
			return Duration.between(this.started, instant).abs().compareTo(START_TOLERANCE) <= 0;
		}

		String line() {
			return this.name + " " + this.pid + " " + this.started;
		}

	}

}
