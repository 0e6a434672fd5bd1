package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./chat bench}: drives the running suite through its gateway, the way users meet
 * it, and reports what it measured. A plain program (no Spring): the JDK's HTTP client
 * and WebSocket, Jackson, and HdrHistogram for latency.
 */
public final class Bench {

	/**
	 * Access tokens live 15 minutes; older than this, they are renewed before a scenario.
	 */
	static final Duration TOKEN_AGE = Duration.ofMinutes(10);

	private Bench() {
	}

	/** What every scenario runs with. */
	record Context(BenchOptions options, Gateway gateway, Provisioner provisioner, Sockets sockets, World world,
			Path stateDir) {
	}

	public static void main(String[] args) throws IOException {
		if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
			System.out.print(BenchOptions.USAGE);
			return;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("[bench] " + ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		Path stateDir = Path.of(System.getProperty("parley.root", ".")).resolve(".parley");
		Path ready = stateDir.resolve("ready");
		if (!Files.exists(ready)) {
			System.err.println("[bench] start Parley first: ./chat up -d");
			System.exit(1);
		}
		List<String> lines = Files.readAllLines(ready);
		Gateway gateway = new Gateway(lines.getFirst().trim());
		Mailbox mailbox = (lines.size() > 1 && !lines.get(1).isBlank()) ? new Mailbox(lines.get(1).trim()) : null;
		try {
			run(options, stateDir, gateway, mailbox);
		}
		catch (RuntimeException ex) {
			System.err.println("[bench] failed: " + ex.getMessage());
			System.exit(1);
		}
		System.exit(0);
	}

	private static void run(BenchOptions options, Path stateDir, Gateway gateway, Mailbox mailbox) throws IOException {
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		long cpuAtStart = OpenLoop.cpuNanos();
		long wallAtStart = System.nanoTime();
		log("gateway %s; scenarios %s; %d client threads, %d cores here", gateway.base(), options.scenarios(),
				options.threads(), Runtime.getRuntime().availableProcessors());
		List<Result.Table> processTables = new ArrayList<>();
		Result.Table start = ProcessFigures.table("suite processes at the start",
				ProcessFigures.snapshot(stateDir, true));
		processTables.add(start);
		System.out.println(start.text(""));
		Provisioner provisioner = new Provisioner(gateway, mailbox, stateDir.resolve("bench/users.json"));
		World world = provisioner.provision(options);
		List<Result> results = new ArrayList<>();
		try (Sockets sockets = new Sockets(gateway, options.threads())) {
			Context context = new Context(options, gateway, provisioner, sockets, world, stateDir);
			for (String scenario : options.scenarios()) {
				try {
					switch (scenario) {
						case "steady" -> results.addAll(Steady.run(context));
						case "group" -> results.add(Group.run(context));
						case "storm" -> results.add(Storm.run(context));
						case "idle" -> results.add(Idle.run(context));
						case "calls" -> results.add(Calls.run(context));
						case "group-calls" -> results.add(GroupCalls.run(context));
						case "uploads" -> results.add(Uploads.run(context));
						case "search" -> results.add(Search.run(context));
						default -> throw new IllegalArgumentException(scenario);
					}
				}
				catch (RuntimeException ex) {
					log("%s failed: %s", scenario, ex);
					results.add(new Result(scenario, scenario + " FAILED").figure("failure", "failure",
							String.valueOf(ex.getMessage())));
				}
			}
		}
		Result.Table end = ProcessFigures.table("suite processes at the end", ProcessFigures.snapshot(stateDir, true));
		processTables.add(end);
		System.out.println(end.text(""));
		double cpu = (OpenLoop.cpuNanos() - cpuAtStart) / 1e9;
		double wall = (System.nanoTime() - wallAtStart) / 1e9;
		String clientCpu = String.format(java.util.Locale.ROOT, "%.1f s over %.1f s = %.0f%% of one core", cpu, wall,
				100 * cpu / wall);
		log("client CPU, whole run: %s; heap used %.0f MB", clientCpu,
				(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("startedAt", stamp);
		header.put("gateway", gateway.base());
		header.put("options", options.describe());
		header.put("users", world.users().size());
		header.put("clientCpu", clientCpu);
		header.put("cores", Runtime.getRuntime().availableProcessors());
		header.put("java", System.getProperty("java.version"));
		List<Path> files = Reports.write(stateDir.resolve("bench"), stamp, header, results, processTables);
		log("report: %s", files.get(0));
		log("report: %s", files.get(1));
	}

	static void log(String format, Object... args) {
		System.out.println("[bench] " + String.format(java.util.Locale.ROOT, format, args));
	}

}
