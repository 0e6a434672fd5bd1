package dev.parley.launcher;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SupervisorTest {

	/** Fast pauses (10, 20, 40 ms), and a fourth exit within the minute is the last. */
	static final Supervisor.Policy FAST = new Supervisor.Policy(Duration.ofMillis(10), Duration.ofMillis(40),
			Duration.ofMinutes(1), 3, Duration.ofMillis(5));

	final List<String> console = new CopyOnWriteArrayList<>();

	final AtomicReference<List<Supervisor.Status>> published = new AtomicReference<>(List.of());

	Supervisor supervisor;

	@AfterEach
	void stop() {
		if (this.supervisor != null) {
			this.supervisor.close();
		}
	}

	@Test
	void pausesDoubleUpToTheLongest() {
		Supervisor.Policy policy = Supervisor.Policy.DEFAULT;
		assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(policy::delayAfter).map(Duration::toSeconds))
			.containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
	}

	@Test
	void aProcessThatDiesIsStartedAgainAndTheExitIsToldAndKept() {
		FakeUnit db = new FakeUnit("postgres");
		FakeUnit replica = new FakeUnit("signaling-service-2");
		start(db, replica);

		replica.die();
		await().atMost(Duration.ofSeconds(5)).until(() -> replica.starts.get() == 1 && replica.alive());
		await().atMost(Duration.ofSeconds(5)).until(() -> status("signaling-service-2").restarts() == 1);

		Supervisor.Status status = status("signaling-service-2");
		assertThat(status.state()).isEqualTo(Supervisor.State.RUNNING);
		assertThat(status.lastExitHow()).isEqualTo("exited with code 137");
		assertThat(status.lastExit()).isNotNull();
		assertThat(status("postgres").restarts()).isZero();
		assertThat(db.starts.get()).isZero();
		assertThat(this.console).anySatisfy((line) -> assertThat(line)
			.contains("signaling-service-2 exited with code 137; starting it again in 0.0 s"));
		assertThat(this.console)
			.anySatisfy((line) -> assertThat(line).startsWith("signaling-service-2 is running again (restart 1"));
	}

	@Test
	void aProcessThatKeepsCrashingIsLeftDownAndReportedNotRestartedForever() {
		FakeUnit flaky = new FakeUnit("message-service");
		start(flaky);

		for (int crash = 1; crash <= 3; crash++) {
			flaky.die();
			int expected = crash;
			await().atMost(Duration.ofSeconds(5)).until(() -> status("message-service").restarts() == expected);
		}
		flaky.die();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> status("message-service").state() == Supervisor.State.GAVE_UP);

		assertThat(flaky.starts.get()).isEqualTo(3);
		assertThat(flaky.alive()).isFalse();
		assertThat(this.console).anySatisfy((line) -> assertThat(line).startsWith("ERROR: message-service")
			.contains("its 4th exit within 1 min")
			.contains("left down")
			.contains("message-service.log"));
	}

	@Test
	void aRestartThatFailsCountsAsAnotherCrashAndIsTriedAgain() {
		FakeUnit kafka = new FakeUnit("kafka");
		kafka.failNextStart.set(true);
		start(kafka);

		kafka.die();
		await().atMost(Duration.ofSeconds(5)).until(() -> status("kafka").restarts() == 1);

		assertThat(kafka.starts.get()).isEqualTo(2);
		assertThat(this.console)
			.anySatisfy((line) -> assertThat(line).contains("kafka could not be started again (port 9092 is taken)"));
	}

	@Test
	void nothingIsRestartedOnceTheSuiteStops() {
		FakeUnit gateway = new FakeUnit("gateway");
		start(gateway);
		this.supervisor.close();

		gateway.die();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> gateway.starts.get() == 0);
		assertThat(status("gateway").state()).isEqualTo(Supervisor.State.RUNNING);
	}

	private void start(FakeUnit... units) {
		this.supervisor = new Supervisor(FAST, Clock.systemUTC(), this.console::add, this.published::set);
		this.supervisor.watch(List.of(units));
		this.supervisor.start();
	}

	private Supervisor.Status status(String name) {
		return this.published.get().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

	static final class FakeUnit implements Supervisor.Unit {

		final String name;

		final AtomicBoolean alive = new AtomicBoolean(true);

		final AtomicInteger starts = new AtomicInteger();

		final AtomicBoolean failNextStart = new AtomicBoolean();

		FakeUnit(String name) {
			this.name = name;
		}

		void die() {
			this.alive.set(false);
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public boolean alive() {
			return this.alive.get();
		}

		@Override
		public String exit() {
			return "exited with code 137";
		}

		@Override
		public void restart() {
			this.starts.incrementAndGet();
			if (this.failNextStart.getAndSet(false)) {
				throw new IllegalStateException("port 9092 is taken");
			}
			this.alive.set(true);
		}

		@Override
		public String log() {
			return ".parley/logs/" + this.name + ".log";
		}

	}

}
