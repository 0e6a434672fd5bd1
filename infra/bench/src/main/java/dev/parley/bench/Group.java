package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code group}: one group (the creator and its friends), one socket per member; each
 * message comes from a random member, and latency runs from its scheduled send to each
 * other member's {@code message.new}.
 */
final class Group {

	private Group() {
	}

	static Result run(Bench.Context context) {
		BenchOptions options = context.options();
		List<Account> members = context.world().groupMembers();
		context.provisioner().refreshOlderThan(members, Bench.TOKEN_AGE);
		long cpu = OpenLoop.cpuNanos();
		long wall = System.nanoTime();
		Tracker tracker = new Tracker();
		Sockets.Opened opened = context.sockets().open(members, 50, members.size(), tracker);
		List<Sock> socks = opened.socks();
		Bench.log("group: %d of %d sockets open in %.1f s; %d msg/s for %d s (after %d s warm-up)...", socks.size(),
				members.size(), opened.seconds(), options.groupRate(), options.duration(), options.warmup());
		String nonce = Long.toString(System.nanoTime(), 36);
		Random random = new Random();
		String groupId = context.world().groupId();
		OpenLoop.Timing timing = OpenLoop.run(options.groupRate(), options.warmup(), options.duration(),
				(k, due, measured) -> {
					String id = "g-" + nonce + "-" + k;
					if (socks.isEmpty()) {
						tracker.expect(id, due, measured, new Sock[0]).failed = true;
						return;
					}
					Sock from = socks.get(random.nextInt(socks.size()));
					List<Sock> others = new ArrayList<>(socks.size());
					for (Sock sock : socks) {
						if (sock != from) {
							others.add(sock);
						}
					}
					tracker.expect(id, due, measured, others.toArray(Sock[]::new));
					from.send(Frames.send(id, groupId, "group " + k));
				});
		OpenLoop.drain(tracker, options.drain());
		Result result = OpenLoop.result("group",
				"group @ " + options.groupRate() + " msg/s (" + members.size() + " members, " + options.duration()
						+ " s)",
				options.groupRate(), timing, tracker, options.drain(), members.size(), socks, opened.failures(), cpu,
				wall);
		System.out.println(result.block());
		context.sockets().close(socks);
		return result;
	}

}
