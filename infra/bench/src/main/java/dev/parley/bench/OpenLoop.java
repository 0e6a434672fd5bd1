package dev.parley.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The open-loop send schedule shared by the messaging scenarios: send {@code k} is due at
 * {@code start + k / rate}, whatever happened to the sends before it, and its latency is
 * counted from that due time. A late scheduler thread catches up at once instead of
 * stretching the schedule.
 */
final class OpenLoop {

	private OpenLoop() {
	}

	/** Sends the message numbered {@code k}, due at {@code dueNanos}. */
	interface Sender {

		void send(long k, long dueNanos, boolean measured);

	}

	/** When the measured part began and ended, and how many sends each part had. */
	record Timing(long measuredFromNanos, long measuredToNanos, long warmupSends, long measuredSends) {

		double measuredSeconds() {
			return (this.measuredToNanos - this.measuredFromNanos) / 1e9;
		}

	}

	static Timing run(int rate, int warmupSeconds, int durationSeconds, Sender sender) {
		long warm = (long) warmupSeconds * rate;
		long total = warm + (long) durationSeconds * rate;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (long k = 0; k < total; k++) {
			long due = start + Math.round(k * 1e9 / rate);
			waitUntil(due);
			sender.send(k, due, k >= warm);
		}
		long from = start + Math.round(warm * 1e9 / rate);
		long to = start + Math.round(total * 1e9 / rate);
		waitUntil(to);
		return new Timing(from, to, warm, total - warm);
	}

	static void waitUntil(long dueNanos) {
		long left;
		while ((left = dueNanos - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * Waits until every measured message was answered and delivered, or the drain time
	 * ran out.
	 */
	static double drain(Tracker tracker, int seconds) {
		long started = System.nanoTime();
		long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline && !tracker.complete()) {
			Gateway.sleep(Duration.ofMillis(100));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** The figures every messaging scenario prints, in the order of its block. */
	static Result result(String scenario, String title, double offeredRate, Timing timing, Tracker tracker,
			int drainSeconds, int socketsWanted, List<Sock> socks, Map<String, Integer> connectFailures,
			long cpuNanosAtStart, long wallNanosAtStart) {
		Tracker.Counts counts = tracker.counts();
		double seconds = Math.max(timing.measuredSeconds(),
				(tracker.lastDeliveryNanos() - timing.measuredFromNanos()) / 1e9);
		long held = socks.stream().filter(Sock::isOpen).count();
		Result result = new Result(scenario, title);
		result.figure("offered rate", "offeredRate", offeredRate,
				String.format(Locale.ROOT, "%.1f msg/s", offeredRate));
		result.figure("measured", "measuredSeconds", Result.round(timing.measuredSeconds()), String.format(Locale.ROOT,
				"%.1f s (after %d warm-up sends, not counted)", timing.measuredSeconds(), timing.warmupSends()));
		result.figure("sent", "sent", counts.sent());
		result.figure("delivered", "delivered", counts.delivered(),
				counts.delivered() + " of " + counts.expectedDeliveries() + " expected deliveries");
		double perSecond = (seconds > 0) ? counts.delivered() / seconds : 0;
		result.figure("delivered/s", "deliveredPerSecond", Result.round(perSecond), String.format(Locale.ROOT,
				"%.1f (over %.1f s, first measured send to last delivery)", perSecond, seconds));
		result.figure("lost", "lost", counts.lost(), counts.lost() + " deliveries of " + counts.lostMessages()
				+ " acked messages missing " + drainSeconds + " s after the end");
		result.figure("unanswered", "unanswered", counts.unacked(),
				counts.unacked() + " sends with neither ack nor error");
		result.figure("duplicates", "duplicates", counts.duplicates());
		silent(result, counts);
		result.figure("errors", "errors", counts.errors(), describe(counts.errors()));
		result.figure("failed connects", "failedConnects", connectFailures,
				connectFailures.isEmpty() ? "0" : describe(connectFailures));
		result.figure("sockets held", "socketsHeld", held, held + " of " + socketsWanted);
		result.latency("send -> deliver", tracker.deliver);
		result.latency("send -> ack", tracker.ack);
		result.latency("stored -> deliver", tracker.storedToDeliver);
		clientCpu(result, cpuNanosAtStart, wallNanosAtStart);
		return result;
	}

	/** Sockets that should have received messages and received none. */
	static void silent(Result result, Tracker.Counts counts) {
		result.figure("silent sockets", "silentSockets", counts.silentSockets(), counts.silentSockets() + " of "
				+ counts.receivingSockets() + " receiving sockets got none of their messages");
	}

	static void clientCpu(Result result, long cpuNanosAtStart, long wallNanosAtStart) {
		double cpu = (cpuNanos() - cpuNanosAtStart) / 1e9;
		double wall = (System.nanoTime() - wallNanosAtStart) / 1e9;
		result.figure("client CPU", "clientCpuSeconds", Result.round(cpu), String.format(Locale.ROOT,
				"%.1f s over %.1f s = %.0f%% of one core", cpu, wall, (wall > 0) ? 100 * cpu / wall : 0));
	}

	static String describe(Map<String, ? extends Number> counts) {
		return counts.isEmpty() ? "none"
				: counts.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining(", "));
	}

	static long cpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

}
