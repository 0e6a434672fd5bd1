package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * {@code idle}: holds N authenticated idle sockets and measures what they cost: the
 * resident memory of every suite process before and after, and per socket the growth of
 * the gateway and the signaling replicas together. A few sockets must still answer
 * {@code ping} at the end.
 */
final class Idle {

	private static final List<String> SOCKET_PROCESSES = List.of("gateway", "signaling-service", "signaling-service-2");

	private static final int PINGS = 20;

	private Idle() {
	}

	static Result run(Bench.Context context) {
		BenchOptions options = context.options();
		World world = context.world();
		int wanted = options.idle();
		List<ProcessFigures.Proc> before = ProcessFigures.snapshot(context.stateDir(), true);
		String warning = capacityWarning(before, wanted);
		if (warning != null) {
			System.out.println("[bench] WARNING: " + warning);
		}
		List<Account> owners = new ArrayList<>(wanted);
		for (int i = 0; i < wanted; i++) {
			owners.add(world.users().get(i % world.users().size()));
		}
		context.provisioner().refreshOlderThan(world.users(), Bench.TOKEN_AGE);
		long cpu = OpenLoop.cpuNanos();
		long wall = System.nanoTime();
		Watcher watcher = new Watcher();
		Bench.log("idle: opening %d sockets (100 at a time)...", wanted);
		Sockets.Opened opened = context.sockets().open(owners, 100, 50, watcher);
		long openedAt = System.nanoTime();
		Bench.log("idle: %d open, %d failed%s, in %.1f s; holding them %d s", opened.socks().size(), opened.failed(),
				opened.stoppedEarly() ? " (stopped opening after 50 failures)" : "", opened.seconds(),
				options.idleHold());
		Gateway.sleep(Duration.ofSeconds(Math.min(2, options.idleHold())));
		List<ProcessFigures.Proc> after = ProcessFigures.snapshot(context.stateDir(), true);
		long holdLeft = Duration.ofSeconds(options.idleHold()).toNanos() - (System.nanoTime() - openedAt);
		if (holdLeft > 0) {
			Gateway.sleep(Duration.ofNanos(holdLeft));
		}
		int[] pongs = ping(opened.socks(), watcher);
		long held = opened.socks().stream().filter(Sock::isOpen).count();
		Result result = new Result("idle", "idle: " + wanted + " sockets held " + options.idleHold() + " s");
		if (warning != null) {
			result.figure("warning", "warning", warning);
		}
		result.figure("sockets requested", "socketsRequested", wanted);
		result.figure("opened", "opened", opened.socks().size(),
				opened.socks().size() + " in " + String.format(Locale.ROOT, "%.1f s", opened.seconds())
						+ (opened.stoppedEarly() ? " (stopped after 50 failures)" : ""));
		result.figure("failed connects", "failedConnects", opened.failures(), opened.failed()
				+ (opened.failures().isEmpty() ? "" : " (" + OpenLoop.describe(opened.failures()) + ")"));
		result.figure("closed while held", "closedWhileHeld", watcher.closed(),
				watcher.closed().isEmpty() ? "0" : OpenLoop.describe(watcher.closed()));
		result.figure("sockets held", "socketsHeld", held, held + " of " + wanted + " at the end");
		result.figure("ping -> pong", "pongs", pongs[0], pongs[0] + " of " + pongs[1] + " sockets answered within 5 s");
		growth(result, before, after, opened.socks().size());
		result.latency("connect + auth", opened.connectAuthMicros());
		OpenLoop.clientCpu(result, cpu, wall);
		result.tables.add(ProcessFigures.table("processes before opening", before));
		result.tables.add(ProcessFigures.table("processes with the sockets open", after));
		System.out.println(result.block());
		context.sockets().close(opened.socks());
		return result;
	}

	/** Null when the suite should hold {@code wanted} more sockets; otherwise why not. */
	static String capacityWarning(List<ProcessFigures.Proc> procs, int wanted) {
		List<String> reasons = new ArrayList<>();
		ProcessFigures.Proc gateway = ProcessFigures.find(procs, "gateway");
		if (gateway != null && gateway.fds() != null && gateway.fdLimit() != null) {
			long room = (gateway.fdLimit() - gateway.fds() - 100) / 2;
			if (wanted > room) {
				reasons.add(String.format(Locale.ROOT,
						"the gateway has %d of %d open files free and needs two per socket (room for about %d)",
						gateway.fdLimit() - gateway.fds(), gateway.fdLimit(), room));
			}
		}
		long signalingRoom = 0;
		for (String name : List.of("signaling-service", "signaling-service-2")) {
			ProcessFigures.Proc replica = ProcessFigures.find(procs, name);
			if (replica != null && replica.fds() != null && replica.fdLimit() != null) {
				signalingRoom += replica.fdLimit() - replica.fds() - 100;
			}
		}
		if (signalingRoom > 0 && wanted > signalingRoom) {
			reasons.add("the signaling replicas have room for about " + signalingRoom + " sockets together");
		}
		long clientFds = ProcessFigures.fds(ProcessHandle.current().pid());
		long clientLimit = ProcessFigures.fdLimit(ProcessHandle.current().pid());
		if (wanted > clientLimit - clientFds - 200) {
			reasons.add("this client may open " + clientLimit + " files and holds " + clientFds);
		}
		return reasons.isEmpty() ? null : wanted + " idle sockets is more than this machine's suite can hold: "
				+ String.join("; ", reasons) + ". Opening them anyway, until 50 fail.";
	}

	private static void growth(Result result, List<ProcessFigures.Proc> before, List<ProcessFigures.Proc> after,
			int opened) {
		long total = 0;
		List<String> parts = new ArrayList<>();
		for (String name : SOCKET_PROCESSES) {
			ProcessFigures.Proc was = ProcessFigures.find(before, name);
			ProcessFigures.Proc is = ProcessFigures.find(after, name);
			if (was == null || is == null || was.rssKb() == null || is.rssKb() == null) {
				parts.add(name + " NOT RUNNING");
				continue;
			}
			long delta = is.rssKb() - was.rssKb();
			total += delta;
			parts.add(String.format(Locale.ROOT, "%s %+.1f MB", name, delta / 1024.0));
		}
		result.figure("RSS growth", "rssGrowthKb", total,
				String.format(Locale.ROOT, "%+.1f MB (%s)", total / 1024.0, String.join(", ", parts)));
		double perSocket = (opened > 0) ? total / (double) opened : 0;
		result.figure("RSS per socket", "rssPerSocketKb", Result.round(perSocket), String.format(Locale.ROOT,
				"%.1f KB (gateway + signaling replicas, over %d sockets)", perSocket, opened));
	}

	/** Sends a ping on a few open sockets and counts the pongs that come within 5 s. */
	private static int[] ping(List<Sock> socks, Watcher watcher) {
		List<Sock> open = new ArrayList<>(socks.stream().filter(Sock::isOpen).toList());
		Collections.shuffle(open);
		List<Sock> chosen = open.subList(0, Math.min(PINGS, open.size()));
		for (int i = 0; i < chosen.size(); i++) {
			chosen.get(i).send(Frames.ping("p" + i));
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline && watcher.pongs.size() < chosen.size()) {
			Gateway.sleep(Duration.ofMillis(50));
		}
		return new int[] { watcher.pongs.size(), chosen.size() };
	}

	/** Counts pongs and sockets closed by the other side. */
	static final class Watcher implements Sock.Handler {

		final Set<String> pongs = ConcurrentHashMap.newKeySet();

		private final Map<Integer, AtomicInteger> closes = new ConcurrentHashMap<>();

		@Override
		public void onFrame(Sock sock, String type, JsonNode frame, long receivedNanos) {
			if (type.equals("pong")) {
				this.pongs.add(frame.path("id").asString(""));
			}
		}

		@Override
		public void onClosed(Sock sock, int code, String reason) {
			this.closes.computeIfAbsent(code, (c) -> new AtomicInteger()).incrementAndGet();
		}

		Map<String, Integer> closed() {
			Map<String, Integer> result = new TreeMap<>();
			this.closes.forEach((code, count) -> result.put("code " + code, count.get()));
			return result;
		}

	}

}
