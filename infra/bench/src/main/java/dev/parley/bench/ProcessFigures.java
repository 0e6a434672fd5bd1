package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each process of the suite uses, from {@code .parley/processes} (and the launcher's
 * own pid): resident memory and CPU time from {@code /proc}, open file descriptors
 * against their limit, and for the JVMs the heap from {@code jcmd <pid> GC.heap_info}.
 */
final class ProcessFigures {

	private static final Pattern HEAP_LINE = Pattern
		.compile("total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

	private static final Pattern ZGC_LINE = Pattern.compile("used (\\d+)M, capacity (\\d+)M");

	private static final long CLOCK_TICKS = 100;

	private ProcessFigures() {
	}

	/** One process at one moment; null where a figure could not be read. */
	record Proc(String name, long pid, boolean jvm, Long rssKb, Long childrenRssKb, Double cpuSeconds, Long fds,
			Long fdLimit, Long heapUsedKb, Long heapCommittedKb) {

		Long rssWithChildrenKb() {
			return (this.rssKb == null) ? null : this.rssKb + ((this.childrenRssKb != null) ? this.childrenRssKb : 0);
		}

	}

	static List<Proc> snapshot(Path stateDir, boolean withHeap) {
		List<Proc> result = new ArrayList<>();
		for (String[] recorded : recorded(stateDir)) {
			long pid = Long.parseLong(recorded[1]);
			Optional<ProcessHandle> handle = ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((h) -> h.info().startInstant().map((s) -> s.equals(Instant.parse(recorded[2]))).orElse(true));
			if (handle.isEmpty()) {
				result.add(new Proc(recorded[0], pid, false, null, null, null, null, null, null, null));
				continue;
			}
			boolean jvm = isJvm(pid);
			Long children = recorded[0].equals("launcher") ? null
					: handle.get()
						.descendants()
						.map((d) -> rssKb(d.pid()))
						.filter((r) -> r != null)
						.reduce(0L, Long::sum);
			long[] heap = (withHeap && jvm) ? heap(pid) : null;
			result.add(new Proc(recorded[0], pid, jvm, rssKb(pid),
					(children == null || children == 0) ? null : children, cpuSeconds(pid), fds(pid), fdLimit(pid),
					(heap != null) ? heap[0] : null, (heap != null) ? heap[1] : null));
		}
		return result;
	}

	/** The table printed at the start and end of a run. */
	static Result.Table table(String caption, List<Proc> procs) {
		List<List<String>> rows = new ArrayList<>();
		for (Proc p : procs) {
			rows.add(List.of(p.name(), String.valueOf(p.pid()), (p.rssKb() == null) ? "NOT RUNNING" : mb(p.rssKb()),
					mb(p.childrenRssKb()), mb(p.heapUsedKb()), mb(p.heapCommittedKb()),
					(p.cpuSeconds() == null) ? "-" : String.format(Locale.ROOT, "%.1f", p.cpuSeconds()),
					(p.fds() == null) ? "-" : p.fds() + "/" + p.fdLimit()));
		}
		return new Result.Table(caption, List.of("process", "pid", "RSS MB", "+children MB", "heap used MB",
				"heap committed MB", "CPU s", "open files"), rows);
	}

	static Proc find(List<Proc> procs, String name) {
		return procs.stream().filter((p) -> p.name().equals(name)).findFirst().orElse(null);
	}

	static String mb(Long kb) {
		return (kb == null) ? "-" : String.format(Locale.ROOT, "%.1f", kb / 1024.0);
	}

	private static List<String[]> recorded(Path stateDir) {
		List<String[]> result = new ArrayList<>();
		for (Path file : List.of(stateDir.resolve("launcher.pid"), stateDir.resolve("processes"))) {
			try {
				for (String line : Files.readAllLines(file)) {
					String[] parts = line.trim().split("\\s+");
					if (parts.length == 3 && result.stream().noneMatch((r) -> r[1].equals(parts[1]))) {
						result.add(parts);
					}
				}
			}
			catch (IOException ex) {
				// no such file: nothing recorded
			}
		}
		return result;
	}

	private static boolean isJvm(long pid) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"))
				.getFileName()
				.toString()
				.equals("java");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	static Long rssKb(long pid) {
		return statusField(pid, "VmRSS:");
	}

	private static Long statusField(long pid, String field) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
			return lines.filter((l) -> l.startsWith(field))
				.findFirst()
				.map((l) -> Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]))
				.orElse(null);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static Double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// after the command: state(0) ... utime(11) stime(12)
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static Long fds(long pid) {
		try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
			return fds.count();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static Long fdLimit(long pid) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "limits"))) {
			return lines.filter((l) -> l.startsWith("Max open files"))
				.findFirst()
				.map((l) -> Long.parseLong(l.substring("Max open files".length()).trim().split("\\s+")[0]))
				.orElse(null);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Heap used and committed in KiB, summed over the collector's spaces; null if
	 * unknown.
	 */
	private static long[] heap(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return parseHeap(output);
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static long[] parseHeap(String output) {
		long used = 0;
		long committed = 0;
		boolean found = false;
		for (String line : output.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
				continue;
			}
			Matcher heap = HEAP_LINE.matcher(line);
			if (heap.find()) {
				committed += Long.parseLong(heap.group(1));
				used += Long.parseLong(heap.group(2));
				found = true;
				continue;
			}
			Matcher z = ZGC_LINE.matcher(line);
			if (trimmed.startsWith("ZHeap") && z.find()) {
				used += Long.parseLong(z.group(1)) * 1024;
				committed += Long.parseLong(z.group(2)) * 1024;
				found = true;
			}
		}
		return found ? new long[] { used, committed } : null;
	}

}
