package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./chat bench [scenario...] [--options]} was asked for. Every option has a
 * default, so {@code ./chat bench} alone runs every scenario.
 */
record BenchOptions(List<String> scenarios, int pairs, List<Integer> rates, int duration, int warmup, int groupSize,
		int groupRate, int storm, int idle, int idleHold, int calls, int uploads, int searchMessages, int searches,
		int searchRate, int drain, int threads, boolean fresh) {

	static final List<String> ALL = List.of("steady", "group", "storm", "idle", "calls", "group-calls", "uploads",
			"search");

	static final String USAGE = """
			usage: ./chat bench [steady] [group] [storm] [idle] [calls] [group-calls] [uploads] [search] [options]   (no scenario: all, in this order)
			  --pairs P           steady: pairs of users, one socket each (default 100)
			  --rates R1,R2,...   steady: total msg/s, one run per rate, one after the other (default 200; --rate R too)
			  --duration S        steady and group: seconds measured at each rate (default 20)
			  --warmup S          steady and group: seconds sent first at the same rate, not recorded (default 5)
			  --group-size N      group: members, creator included, at most 256 (default 100)
			  --group-rate R      group: msg/s from random members (default 20)
			  --storm N           storm: sockets that connect and authenticate at once (default 1000)
			  --idle N            idle: authenticated idle sockets to hold (default 5000)
			  --idle-hold S       idle: seconds to hold them (default 10)
			  --calls N           calls: video calls placed and answered in two headless Chromiums (default 20);
			                      group-calls: group video calls that three members of the group join, each in a Chromium
			  --uploads N         uploads: files of 25 MB uploaded at once (default 10)
			  --search-messages N search: messages written into the database to search (default 1000000; kept for later runs)
			  --searches N        search: searches measured (default 1200)
			  --search-rate R     search: searches a second (default 5)
			  --drain S           seconds to wait for late deliveries after sending ends (default 10)
			  --threads T         client threads for socket callbacks (default 2)
			  --fresh             sign up new users instead of the ones cached in .parley/bench/users.json
			BENCH_DEBUG=1 in the environment prints every frame sent and received (for small runs).
			""";

	static BenchOptions parse(String[] args) {
		List<String> scenarios = new ArrayList<>();
		Map<String, String> values = new LinkedHashMap<>();
		boolean fresh = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--fresh")) {
				fresh = true;
			}
			else if (arg.startsWith("--")) {
				String name = arg.substring(2);
				String value;
				int eq = name.indexOf('=');
				if (eq >= 0) {
					value = name.substring(eq + 1);
					name = name.substring(0, eq);
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException("--" + name + " needs a value");
				}
				values.put(name.equals("rate") ? "rates" : name, value);
			}
			else if (ALL.contains(arg)) {
				if (!scenarios.contains(arg)) {
					scenarios.add(arg);
				}
			}
			else {
				throw new IllegalArgumentException("unknown scenario: " + arg + " (one of " + ALL + ")");
			}
		}
		List<String> known = List.of("pairs", "rates", "duration", "warmup", "group-size", "group-rate", "storm",
				"idle", "idle-hold", "calls", "uploads", "search-messages", "searches", "search-rate", "drain",
				"threads");
		for (String name : values.keySet()) {
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown option: --" + name);
			}
		}
		List<Integer> rates = new ArrayList<>();
		for (String rate : values.getOrDefault("rates", "200").split(",")) {
			rates.add(positive("rates", rate.trim()));
		}
		BenchOptions options = new BenchOptions(scenarios.isEmpty() ? ALL : List.copyOf(scenarios),
				positive(values, "pairs", 100), List.copyOf(rates), positive(values, "duration", 20),
				nonNegative(values, "warmup", 5), positive(values, "group-size", 100),
				positive(values, "group-rate", 20), positive(values, "storm", 1000), positive(values, "idle", 5000),
				nonNegative(values, "idle-hold", 10), positive(values, "calls", 20), positive(values, "uploads", 10),
				positive(values, "search-messages", 1_000_000), positive(values, "searches", 1200),
				positive(values, "search-rate", 5), nonNegative(values, "drain", 10), positive(values, "threads", 2),
				fresh);
		if (options.groupSize() < 2 || options.groupSize() > 256) {
			throw new IllegalArgumentException("--group-size must be 2..256 (a group has at most 256 members)");
		}
		return options;
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	/** Whether the bench's group is made: for its messages, or for its calls. */
	boolean needsGroup() {
		return runs("group") || runs("group-calls");
	}

	/**
	 * How many users the chosen scenarios need: the pairs, the group's members, and the
	 * searchers.
	 */
	int usersNeeded() {
		return Math.max(Math.max(2 * this.pairs, needsGroup() ? this.groupSize : 0),
				runs("search") ? Search.SEARCHERS : 0);
	}

	private static int positive(Map<String, String> values, String name, int fallback) {
		return values.containsKey(name) ? positive(name, values.get(name)) : fallback;
	}

	private static int nonNegative(Map<String, String> values, String name, int fallback) {
		int value = values.containsKey(name) ? number(name, values.get(name)) : fallback;
		if (value < 0) {
			throw new IllegalArgumentException("--" + name + " must not be negative");
		}
		return value;
	}

	private static int positive(String name, String text) {
		int value = number(name, text);
		if (value <= 0) {
			throw new IllegalArgumentException("--" + name + " must be positive");
		}
		return value;
	}

	private static int number(String name, String text) {
		try {
			return Integer.parseInt(text.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + text + "'");
		}
	}

	Map<String, Object> describe() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("scenarios", this.scenarios);
		map.put("pairs", this.pairs);
		map.put("rates", this.rates);
		map.put("duration", this.duration);
		map.put("warmup", this.warmup);
		map.put("groupSize", this.groupSize);
		map.put("groupRate", this.groupRate);
		map.put("storm", this.storm);
		map.put("idle", this.idle);
		map.put("idleHold", this.idleHold);
		map.put("calls", this.calls);
		map.put("uploads", this.uploads);
		map.put("searchMessages", this.searchMessages);
		map.put("searches", this.searches);
		map.put("searchRate", this.searchRate);
		map.put("drain", this.drain);
		map.put("threads", this.threads);
		return map;
	}

}
