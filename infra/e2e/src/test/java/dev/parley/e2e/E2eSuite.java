package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.parley.embedded.MailCatcher;
import dev.parley.launcher.Suite;
import dev.parley.launcher.SuiteOptions;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One suite for all end-to-end tests of the JVM, started the way {@code ./chat up} starts
 * it (free ports, throwaway state). auth-service signs with the {@link TestTokens} key,
 * so tokens minted by a test are real ones. When the test plan ends the suite stops, and
 * a process it leaves behind fails the run.
 */
final class E2eSuite implements BeforeAllCallback {

	private static Suite suite;

	private static TraceCollector traces;

	/** The TURN REST secret of the suite's coturn, to make credentials in tests. */
	static final String TURN_SECRET = "e2e-turn-secret";

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(E2eSuite.class, (key) -> {
			start();
			return (AutoCloseable) E2eSuite::stop;
		}, AutoCloseable.class);
	}

	static synchronized Suite get() {
		if (suite == null) {
			start();
		}
		return suite;
	}

	static String gateway() {
		return get().options().gatewayUrl();
	}

	/** A service's own port (e.g. one signaling replica), bypassing the gateway. */
	static int port(String service) {
		return get().options().port(service);
	}

	/** The suite's coturn port (STUN and TURN, UDP and TCP). */
	static int turnPort() {
		return get().options().infraPorts().get("turn");
	}

	/** Every span the suite exported (all traces are sampled here). */
	static TraceCollector traces() {
		get();
		return traces;
	}

	static MailCatcher mail() {
		return get().mail().orElseThrow(() -> new IllegalStateException("The suite runs without its mail catcher"));
	}

	private static synchronized void start() {
		if (suite != null) {
			return;
		}
		try {
			Path state = Files.createTempDirectory("parley-e2e");
			traces = TraceCollector.start();
			SuiteOptions options = SuiteOptions.ephemeral(repositoryRoot(), state,
					Map.of("PARLEY_AUTH_SIGNING_JWK", TestTokens.get().privateJwk(),
							// A crashed replica's users go offline within seconds, not a
							// minute.
							"PARLEY_PRESENCE_NODE_TTL", "6s",
							// Every trace, exported over OTLP as an operator would turn
							// it on, a little sooner than the default 5 s.
							"PARLEY_TRACE_SAMPLING", "1.0", "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
							traces.endpoint(), "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "500ms"));
			Map<String, String> environment = new java.util.HashMap<>(System.getenv());
			// The end-to-end mail flows read codes from the suite's own mail catcher.
			environment.remove("SPRING_MAIL_HOST");
			// Calls go through the suite's own coturn, with a secret the tests know.
			environment.remove("PARLEY_TURN_URLS");
			environment.put("PARLEY_TURN_SECRET", TURN_SECRET);
			suite = Suite.start(options, environment);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static synchronized void stop() {
		List<ProcessHandle> started = suite.processes();
		suite.close();
		traces.close();
		List<ProcessHandle> leftover = started.stream().filter(ProcessHandle::isAlive).toList();
		if (!leftover.isEmpty()) {
			leftover.forEach(ProcessHandle::destroyForcibly);
			throw new IllegalStateException("Stopping the suite left processes running: " + leftover);
		}
		List<String> secrets = SecretsInLogs.find(suite.options().stateDir().resolve("logs"));
		if (!secrets.isEmpty()) {
			throw new IllegalStateException(
					"Secrets in the suite's logs after all tests ran:\n" + String.join("\n", secrets));
		}
	}

	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("chat"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Cannot find the repository root (the folder with ./chat)");
		}
		return dir;
	}

}
