package dev.parley.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./chat up|down|status}: runs the suite in the foreground until Ctrl-C or
 * {@code ./chat down}, stops it, or shows what runs.
 */
public final class Launcher {

	private Launcher() {
	}

	public static void main(String[] args) {
		Path root = Path.of(System.getProperty("parley.root", ".")).toAbsolutePath().normalize();
		Map<String, String> env = System.getenv();
		SuiteOptions options = SuiteOptions.local(root, env);
		String command = (args.length > 0) ? args[0] : "up";
		try {
			int code = switch (command) {
				case "up" -> up(options, env);
				case "down" -> down(new StateDir(options.stateDir()));
				case "status" -> status(options);
				default -> {
					System.err.println("Unknown command " + command + "; use up, down or status.");
					yield 2;
				}
			};
			System.exit(code);
		}
		catch (LaunchException ex) {
			System.err.println("[parley] " + ex.getMessage());
			System.exit(1);
		}
	}

	private static int up(SuiteOptions options, Map<String, String> env) {
		Suite.log("starting infrastructure, Eureka, services and gateway (logs in %s)", options.logs());
		CountDownLatch stopped = new CountDownLatch(1);
		Suite suite = Suite.start(options, env);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			Suite.log("stopping...");
			suite.close();
			Suite.log("stopped");
			stopped.countDown();
		}, "parley-stop"));
		Suite.log("Parley is ready: %s", options.gatewayUrl());
		suite.mailboxUrl().ifPresent((url) -> Suite.log("dev mailbox (codes we e-mailed): %s", url));
		Suite.log("logs: %s   stop: Ctrl-C or ./chat down", options.logs());
		// The suite's supervisor restarts what dies, and says so here.
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		return 0;
	}

	static int down(StateDir state) {
		Optional<ProcessHandle> launcher = state.runningLauncher();
		List<StateDir.Recorded> processes = state.recordedProcesses();
		if (launcher.isEmpty() && processes.stream().allMatch((p) -> p.live().isEmpty())) {
			Suite.log("Parley is not running.");
			state.clear();
			return 0;
		}
		launcher.ifPresent((handle) -> {
			Suite.log("stopping launcher pid %d...", handle.pid());
			handle.destroy();
			// Up to a few minutes once after a build, while the JVMs write their start-up
			// caches (StartupCache).
			handle.onExit().completeOnTimeout(handle, 240, java.util.concurrent.TimeUnit.SECONDS).join();
		});
		for (StateDir.Recorded process : processes) {
			process.live().ifPresent((handle) -> {
				Suite.log("ending leftover %s (pid %d)", process.name(), handle.pid());
				handle.destroy();
				handle.onExit().completeOnTimeout(handle, 15, java.util.concurrent.TimeUnit.SECONDS).join();
				if (handle.isAlive()) {
					handle.destroyForcibly();
				}
			});
		}
		state.clear();
		Suite.log("stopped");
		return 0;
	}

	private static int status(SuiteOptions options) {
		StateDir state = new StateDir(options.stateDir());
		Optional<ProcessHandle> launcher = state.runningLauncher();
		if (launcher.isEmpty()) {
			Suite.log("Parley is not running.");
			return 3;
		}
		Suite.log("launcher pid %d%s", launcher.get().pid(),
				Files.exists(state.readyFile()) ? ", ready at " + options.gatewayUrl() : ", starting");
		Map<String, Supervisor.Status> supervision = state.supervision();
		// The newest record of each name (a restarted process is recorded again).
		Map<String, StateDir.Recorded> newest = new java.util.LinkedHashMap<>();
		state.recordedProcesses().forEach((process) -> newest.put(process.name(), process));
		for (StateDir.Recorded process : newest.values()) {
			Supervisor.Status status = supervision.get(process.name());
			System.out.printf("  %-20s pid %-8d %-12s%s%n", shortName(process.name()), process.pid(),
					state(process, status), history(status));
		}
		try {
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(options.gatewayUrl() + "/api/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			System.out.println("  health: " + health.body());
		}
		catch (Exception ex) {
			System.out.println("  health: gateway not answering");
		}
		return 0;
	}

	private static String state(StateDir.Recorded process, Supervisor.Status status) {
		if (status != null && status.state() == Supervisor.State.GAVE_UP) {
			return "LEFT DOWN";
		}
		if (status != null && status.state() == Supervisor.State.RESTARTING) {
			return "RESTARTING";
		}
		return process.live().isPresent() ? "running" : "NOT RUNNING";
	}

	/** Restarts and the last unasked exit, when there were any. */
	private static String history(Supervisor.Status status) {
		if (status == null || status.lastExit() == null) {
			return "";
		}
		String restarts = (status.restarts() == 1) ? "1 restart" : status.restarts() + " restarts";
		String left = (status.state() == Supervisor.State.GAVE_UP) ? " (it kept crashing; see its log)" : "";
		return "  " + restarts + "; last " + status.lastExitHow() + " at "
				+ status.lastExit().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + left;
	}

	private static String shortName(String name) {
		return Path.of(name).getFileName().toString();
	}

}
