package dev.parley.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.parley.launcher.Suite;
import dev.parley.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each part of the suite fails once under steady load from ten pairs of friends (a
 * message a second each, through the gateway, clients that reconnect and send again what
 * has no ack under the same {@code clientMessageId}, as the app does). After each: every
 * send was acknowledged, after retries if it met a retryable error; every acknowledged
 * message is in history exactly once; no socket got a message twice, and every socket
 * that stayed connected got every message; the part that failed runs again. Each prints
 * what users met and how long recovery took (the figures in docs/operations.md).
 */
@ExtendWith(E2eSuite.class)
class FaultsE2EIT {

	private static final int PAIRS = 10;

	private static final int PER_USER_PER_SECOND = 1;

	/** About three seconds of load, before the fault and after recovery. */
	private static final long STEADY = 3L * PAIRS * 2 * PER_USER_PER_SECOND;

	private static final boolean KILLED = true;

	private static final boolean FROZEN = false;

	private static final List<Traffic.Pair> pairs = new ArrayList<>();

	private final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	@BeforeAll
	static void friends() throws Exception {
		Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());
		for (int i = 0; i < PAIRS; i++) {
			Accounts.Session a = accounts.signIn(accounts.register("pa" + i));
			Accounts.Session b = accounts.signIn(accounts.register("pb" + i));
			accounts.befriend(a, b);
			pairs.add(new Traffic.Pair(a, b, accounts.direct(a, b)));
		}
	}

	@Test
	void aSignalingReplicaKilled() throws Exception {
		under("signaling-service-2 killed (SIGKILL)", "signaling-service-2", KILLED,
				() -> suite().crash("signaling-service-2"));
	}

	@Test
	void messageServiceFrozenForTenSeconds() throws Exception {
		under("message-service frozen for 10 s (SIGSTOP, SIGCONT)", "message-service", FROZEN,
				() -> suite().pause("message-service", Duration.ofSeconds(10)));
	}

	@Test
	void aMessageServiceReplicaKilled() throws Exception {
		under("message-service-2 killed (SIGKILL)", "message-service-2", KILLED,
				() -> suite().crash("message-service-2"));
	}

	@Test
	void redisRestarted() throws Exception {
		under("Redis killed (SIGKILL) and started again", "redis", KILLED, () -> suite().crash("redis"));
	}

	@Test
	void kafkaRestarted() throws Exception {
		under("Kafka killed (SIGKILL) and started again", "kafka", KILLED, () -> suite().crash("kafka"));
	}

	@Test
	void postgresRestarted() throws Exception {
		under("PostgreSQL killed (SIGKILL) and started again", "postgres", KILLED, () -> suite().crash("postgres"));
	}

	/**
	 * Runs the load, applies the fault once it is steady, waits for the suite to answer
	 * again and for the part to run again, keeps the load on a little longer, then
	 * checks.
	 */
	private void under(String fault, String part, boolean killed, Runnable apply) throws Exception {
		int restartsBefore = suite().awaitRunning(part, Duration.ofMinutes(2));
		URI sockets = URI.create(E2eSuite.gateway().replaceFirst("^http", "ws") + "/ws");
		long started = 0;
		Throwable failed = null;
		try (Traffic traffic = new Traffic(freshTokens(), sockets, PER_USER_PER_SECOND)) {
			traffic.keepGoing(STEADY);
			started = System.nanoTime();
			apply.run();
			long ended = System.nanoTime();
			// Users recover before the part is back (another replica, a retry): the
			// checks run while it starts again.
			traffic.awaitFlowing(ended, Duration.ofMinutes(2));
			traffic.keepGoing(STEADY);
			traffic.finish(Duration.ofMinutes(1));
			System.out.printf("[faults] %s: %s%n", fault, traffic.report(ended));
			traffic.verify(this.accounts);
		}
		catch (Exception | AssertionError ex) {
			failed = ex;
			throw ex;
		}
		finally {
			// Whatever happened, the next test starts on a whole suite.
			try {
				int restarts = suite().awaitRunning(part, Duration.ofMinutes(3));
				if (started != 0) {
					System.out.printf("[faults] %s: %s running again %.1f s after the fault began%n", fault, part,
							TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0);
				}
				if (killed && failed == null) {
					// Nobody but the supervisor started it again.
					assertThat(restarts).as("restarts of %s", part).isGreaterThan(restartsBefore);
				}
			}
			catch (RuntimeException | AssertionError ex) {
				if (failed == null) {
					throw ex;
				}
				failed.addSuppressed(ex);
			}
		}
	}

	/** The pairs with new access tokens (they last 15 min; this class may run longer). */
	private static List<Traffic.Pair> freshTokens() {
		return pairs.stream().map((p) -> new Traffic.Pair(fresh(p.a()), fresh(p.b()), p.conversationId())).toList();
	}

	private static Accounts.Session fresh(Accounts.Session session) {
		return new Accounts.Session(session.id(), TestTokens.get().accessToken(session.id()), session.user());
	}

	private static Suite suite() {
		return E2eSuite.get();
	}

}
