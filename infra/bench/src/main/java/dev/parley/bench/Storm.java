package dev.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code storm}: N sockets, spread over the users, connect and authenticate at the same
 * moment. Then each user holding storm sockets gets one message from its partner over
 * REST, and every one of its storm sockets must receive it.
 */
final class Storm {

	private Storm() {
	}

	static Result run(Bench.Context context) {
		BenchOptions options = context.options();
		World world = context.world();
		List<Account> owners = new ArrayList<>(options.storm());
		for (int i = 0; i < options.storm(); i++) {
			owners.add(world.users().get(i % world.users().size()));
		}
		context.provisioner().refreshOlderThan(world.users(), Bench.TOKEN_AGE);
		long cpu = OpenLoop.cpuNanos();
		long wall = System.nanoTime();
		Tracker tracker = new Tracker();
		Bench.log("storm: %d sockets connecting at once...", owners.size());
		Sockets.Opened opened = context.sockets().open(owners, owners.size(), owners.size(), tracker);
		Bench.log("storm: %d open, %d failed, in %.1f s; one message to each user over REST...", opened.socks().size(),
				opened.failed(), opened.seconds());
		Map<Account, List<Sock>> byUser = new LinkedHashMap<>();
		opened.socks().forEach((s) -> byUser.computeIfAbsent(s.user, (u) -> new ArrayList<>()).add(s));
		String nonce = Long.toString(System.nanoTime(), 36);
		List<Map.Entry<Account, List<Sock>>> targets = new ArrayList<>(byUser.entrySet());
		long sendsStarted = System.nanoTime();
		Parallel.forEach(targets, 8, (target) -> {
			Account to = target.getKey();
			World.Pair pair = world.pairOf(to);
			Account from = pair.partnerOf(to);
			String id = "st-" + nonce + "-" + to.username;
			long started = System.nanoTime();
			tracker.expect(id, started, true, target.getValue().toArray(Sock[]::new));
			Gateway.Response response = context.gateway()
				.post("/api/conversations/" + pair.conversationId() + "/messages",
						Gateway.body("clientMessageId", id, "text", "storm check"), from.accessToken);
			tracker.answered(id, System.nanoTime(), response.ok(), "REST_" + response.code());
		});
		double sendSeconds = (System.nanoTime() - sendsStarted) / 1e9;
		OpenLoop.drain(tracker, options.drain());
		Tracker.Counts counts = tracker.counts();
		Result result = new Result("storm", "storm: " + options.storm() + " sockets at once");
		result.figure("sockets requested", "socketsRequested", options.storm());
		result.figure("connected + authed", "connected", opened.socks().size(),
				opened.socks().size() + " in " + String.format(java.util.Locale.ROOT, "%.1f s", opened.seconds()));
		result.figure("failed connects", "failedConnects", opened.failures(), opened.failed()
				+ (opened.failures().isEmpty() ? "" : " (" + OpenLoop.describe(opened.failures()) + ")"));
		result.figure("messages sent", "sent", counts.sent(), counts.sent() + " over REST, one per user ("
				+ String.format(java.util.Locale.ROOT, "%.1f s", sendSeconds) + ")");
		result.figure("delivered", "delivered", counts.delivered(),
				counts.delivered() + " of " + counts.expectedDeliveries() + " storm sockets");
		result.figure("not delivered", "lost", counts.lost() + unanswered(counts),
				(counts.lost() + unanswered(counts)) + " sockets without the message " + options.drain() + " s after");
		result.figure("duplicates", "duplicates", counts.duplicates());
		OpenLoop.silent(result, counts);
		result.figure("errors", "errors", counts.errors(), OpenLoop.describe(counts.errors()));
		long held = opened.socks().stream().filter(Sock::isOpen).count();
		result.figure("sockets held", "socketsHeld", held, held + " of " + options.storm());
		result.latency("connect + auth", opened.connectAuthMicros());
		result.latency("send -> deliver", tracker.deliver);
		result.latency("send -> 201", tracker.ack);
		OpenLoop.clientCpu(result, cpu, wall);
		System.out.println(result.block());
		context.sockets().close(opened.socks());
		return result;
	}

	/** Receivers of messages that were never answered count as not delivered too. */
	private static long unanswered(Tracker.Counts counts) {
		return counts.expectedDeliveries() - counts.delivered() - counts.lost();
	}

}
