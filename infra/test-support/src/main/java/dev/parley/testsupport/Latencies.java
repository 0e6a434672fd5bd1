package dev.parley.testsupport;

import java.util.List;

/** How benchmarks report the durations they measured (nearest-rank percentiles). */
public final class Latencies {

	private Latencies() {
	}

	/** {@code n=… p50=… ms p95=… ms p99=… ms max=… ms} of durations in nanoseconds. */
	public static String summary(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms".formatted(sorted.size(), millis(sorted, 50),
				millis(sorted, 95), millis(sorted, 99), sorted.getLast() / 1e6);
	}

	private static double millis(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
