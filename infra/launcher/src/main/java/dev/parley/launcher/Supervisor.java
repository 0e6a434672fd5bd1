package dev.parley.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the suite's processes running, as a process manager would: a process that ends
 * without being asked to is started again after a pause that doubles with each crash (1
 * s, 2 s, 4 s … at most 30 s). One that ends more than {@link Policy#maxCrashes} times
 * within {@link Policy#window} is left down and reported, instead of being restarted in a
 * loop nobody sees. Every exit, restart and give-up is said on the console and kept for
 * {@code ./chat status}.
 */
final class Supervisor implements AutoCloseable {

	/** One process kept running. */
	interface Unit {

		String name();

		boolean alive();

		/** How it ended, for people ("exited with code 137"). */
		String exit();

		/**
		 * Starts it again, with the same ports and data, and returns once it is up;
		 * throws when it cannot be started.
		 */
		void restart();

		/** Where its output goes (named in the reports). */
		String log();

	}

	/**
	 * When to restart.
	 *
	 * @param firstDelay the pause before the first restart, doubled for each further
	 * crash in the window
	 * @param maxDelay the longest pause
	 * @param window how far back crashes count
	 * @param maxCrashes crashes within the window that are still restarted; one more and
	 * the process is left down
	 * @param checkEvery how often the processes are looked at
	 */
	record Policy(Duration firstDelay, Duration maxDelay, Duration window, int maxCrashes, Duration checkEvery) {

		static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10),
				5, Duration.ofMillis(500));

		Duration delayAfter(int crashesInWindow) {
			long factor = 1L << Math.min(20, Math.max(0, crashesInWindow - 1));
			Duration delay = this.firstDelay.multipliedBy(factor);
			return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
		}

	}

	/** What {@code ./chat status} shows of a process. */
	enum State {

		RUNNING, RESTARTING, GAVE_UP

	}

	/**
	 * One process's record: how often it was restarted, and its last exit.
	 *
	 * @param lastExit when it last ended unasked, or null
	 * @param lastExitHow how it ended, or null
	 */
	record Status(String name, State state, int restarts, Instant lastExit, String lastExitHow) {

	}

	private final Policy policy;

	private final Clock clock;

	private final Consumer<String> console;

	private final Consumer<List<Status>> statusSink;

	private final Map<String, Watched> watched = new LinkedHashMap<>();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("parley-supervisor").factory());

	private volatile boolean closed;

	/**
	 * @param console where exits and restarts are told
	 * @param statusSink receives every process's status after each change
	 */
	Supervisor(Policy policy, Clock clock, Consumer<String> console, Consumer<List<Status>> statusSink) {
		this.policy = policy;
		this.clock = clock;
		this.console = console;
		this.statusSink = statusSink;
	}

	/** Watches the units from now on (each must be running). */
	synchronized void watch(List<? extends Unit> units) {
		units.forEach((unit) -> this.watched.put(unit.name(), new Watched(unit)));
		publish();
	}

	void start() {
		long every = this.policy.checkEvery().toMillis();
		this.timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
	}

	synchronized List<Status> statuses() {
		return this.watched.values().stream().map(Watched::status).toList();
	}

	private synchronized void check() {
		if (this.closed) {
			return;
		}
		for (Watched entry : this.watched.values()) {
			if (entry.state == State.RUNNING && !entry.unit.alive()) {
				crashed(entry, entry.unit.exit());
			}
		}
	}

	/** Called with the lock held. */
	private void crashed(Watched entry, String how) {
		Instant now = this.clock.instant();
		entry.lastExit = now;
		entry.lastExitHow = how;
		entry.crashes.addLast(now);
		while (!entry.crashes.isEmpty() && entry.crashes.peekFirst().isBefore(now.minus(this.policy.window()))) {
			entry.crashes.removeFirst();
		}
		int recent = entry.crashes.size();
		if (recent > this.policy.maxCrashes()) {
			entry.state = State.GAVE_UP;
			this.console.accept(String.format(
					"ERROR: %s %s, its %d%s exit within %d min; it keeps crashing, so it is left down. "
							+ "See %s, then ./chat down and ./chat up",
					entry.unit.name(), how, recent, ordinal(recent), this.policy.window().toMinutes(),
					entry.unit.log()));
			publish();
			return;
		}
		Duration delay = this.policy.delayAfter(recent);
		entry.state = State.RESTARTING;
		this.console.accept(String.format("WARNING: %s %s; starting it again in %s (see %s)", entry.unit.name(), how,
				seconds(delay), entry.unit.log()));
		publish();
		this.timer.schedule(() -> restart(entry), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Runs on the timer, without the lock: a start takes seconds. */
	private void restart(Watched entry) {
		if (this.closed) {
			return;
		}
		Instant started = this.clock.instant();
		try {
			entry.unit.restart();
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				if (!this.closed) {
					crashed(entry, "could not be started again (" + ex.getMessage() + ")");
				}
			}
			return;
		}
		synchronized (this) {
			if (this.closed) {
				return;
			}
			entry.restarts++;
			entry.state = State.RUNNING;
			this.console.accept(String.format("%s is running again (restart %d, up in %s)", entry.unit.name(),
					entry.restarts, seconds(Duration.between(started, this.clock.instant()))));
			publish();
		}
	}

	private void publish() {
		this.statusSink.accept(this.watched.values().stream().map(Watched::status).toList());
	}

	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String ordinal(int n) {
		return switch ((n % 100 >= 11 && n % 100 <= 13) ? 0 : n % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
	}

	/** Stops watching: nothing is restarted from now on (the suite is stopping). */
	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		this.timer.shutdownNow();
	}

	private static final class Watched {

		final Unit unit;

		final Deque<Instant> crashes = new ArrayDeque<>();

		State state = State.RUNNING;

		int restarts;

		Instant lastExit;

		String lastExitHow;

		Watched(Unit unit) {
			this.unit = unit;
		}

		Status status() {
			return new Status(this.unit.name(), this.state, this.restarts, this.lastExit, this.lastExitHow);
		}

	}

}
