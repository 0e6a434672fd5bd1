package dev.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code steady}: P pairs of friends, one socket per user, each pair in its direct
 * conversation. Sends go round-robin over the pairs, alternating direction, at a fixed
 * total rate; latency runs from the scheduled send to the partner's {@code message.new}.
 */
final class Steady {

	private Steady() {
	}

	static List<Result> run(Bench.Context context) {
		BenchOptions options = context.options();
		List<World.Pair> pairs = context.world().pairs();
		List<Account> owners = new ArrayList<>();
		pairs.forEach((p) -> {
			owners.add(p.a());
			owners.add(p.b());
		});
		context.provisioner().refreshOlderThan(owners, Bench.TOKEN_AGE);
		Relay relay = new Relay(new Tracker());
		Sockets.Opened opened = context.sockets().open(owners, 50, owners.size(), relay);
		Bench.log("steady: %d of %d sockets open in %.1f s", opened.socks().size(), owners.size(), opened.seconds());
		Map<Account, Sock> byUser = new HashMap<>();
		opened.socks().forEach((s) -> byUser.put(s.user, s));
		List<Result> results = new ArrayList<>();
		String nonce = Long.toString(System.nanoTime(), 36);
		int run = 0;
		for (int rate : options.rates()) {
			// Unique per run: a clientMessageId sent before is (rightly) acked again and
			// not delivered a second time.
			String runId = "s" + rate + "-" + nonce + "-" + run++ + "-";
			long cpu = OpenLoop.cpuNanos();
			long wall = System.nanoTime();
			Tracker tracker = new Tracker();
			relay.target(tracker);
			Bench.log("steady: %d msg/s over %d pairs for %d s (after %d s warm-up)...", rate, pairs.size(),
					options.duration(), options.warmup());
			OpenLoop.Timing timing = OpenLoop.run(rate, options.warmup(), options.duration(), (k, due, measured) -> {
				World.Pair pair = pairs.get((int) (k % pairs.size()));
				boolean reverse = (k / pairs.size()) % 2 == 1;
				Sock from = byUser.get(reverse ? pair.b() : pair.a());
				Sock to = byUser.get(reverse ? pair.a() : pair.b());
				String id = runId + k;
				if (from == null || to == null) {
					tracker.expect(id, due, measured, new Sock[0]).failed = true;
					tracker.error("NO_SOCKET");
					return;
				}
				tracker.expect(id, due, measured, new Sock[] { to });
				from.send(Frames.send(id, pair.conversationId(), "steady " + k));
			});
			OpenLoop.drain(tracker, options.drain());
			Result result = OpenLoop.result("steady",
					"steady @ " + rate + " msg/s (" + pairs.size() + " pairs, " + options.duration() + " s)", rate,
					timing, tracker, options.drain(), owners.size(), opened.socks(), opened.failures(), cpu, wall);
			results.add(result);
			System.out.println(result.block());
		}
		context.sockets().close(opened.socks());
		return results;
	}

}
