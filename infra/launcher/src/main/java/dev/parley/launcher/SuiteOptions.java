package dev.parley.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.parley.embedded.Ports;

/**
 * How to run the suite: where its state lives, its ports, and extra environment.
 *
 * @param root the repository root (where the built jars are)
 * @param stateDir logs, data and pid files
 * @param servicePorts each JVM's port, by its name in {@link ServiceCatalog} (the gateway
 * and the discovery server included)
 * @param infraPorts ports of the embedded servers ({@code postgres}, {@code redis},
 * {@code kafka}, {@code kafka-controller}, {@code smtp} and {@code mailbox} of the mail
 * catcher)
 * @param persistentData keep database data in the state dir across runs
 * @param extraEnvironment added to every JVM's environment
 * @param startTimeout how long to wait for the gateway to route to every service
 */
public record SuiteOptions(Path root, Path stateDir, Map<String, Integer> servicePorts, Map<String, Integer> infraPorts,
		boolean persistentData, Map<String, String> extraEnvironment, Duration startTimeout) {

	/**
	 * What {@code ./chat up} uses: fixed ports (overridable by environment), data kept.
	 */
	public static SuiteOptions local(Path root, Map<String, String> env) {
		Map<String, Integer> services = new LinkedHashMap<>();
		ServiceCatalog.services()
			.forEach((service) -> services.put(service.name(), port(env, service.portVariable(), service.port())));
		Map<String, Integer> infra = new LinkedHashMap<>();
		infra.put("postgres", port(env, "PARLEY_EMBEDDED_POSTGRES_PORT", 15432));
		infra.put("redis", port(env, "PARLEY_EMBEDDED_REDIS_PORT", 16379));
		infra.put("kafka", port(env, "PARLEY_EMBEDDED_KAFKA_PORT", 19092));
		infra.put("kafka-controller", port(env, "PARLEY_EMBEDDED_KAFKA_CONTROLLER_PORT", 19093));
		infra.put("smtp", port(env, "PARLEY_SMTP_PORT", 3025));
		infra.put("mailbox", port(env, "PARLEY_MAILBOX_PORT", 8025));
		infra.put("turn", port(env, "PARLEY_TURN_PORT", 3478));
		infra.put("turn-relays", port(env, "PARLEY_TURN_RELAY_PORTS_FROM", 49160));
		Duration timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("PARLEY_START_TIMEOUT_SECONDS", "240")));
		return new SuiteOptions(root, root.resolve(".parley"), services, infra, true, Map.of(), timeout);
	}

	/** For tests: free ports, a throwaway state dir, and the given extra environment. */
	public static SuiteOptions ephemeral(Path root, Path stateDir, Map<String, String> extraEnvironment) {
		Map<String, Integer> services = new LinkedHashMap<>();
		ServiceCatalog.services().forEach((service) -> services.put(service.name(), Ports.free()));
		Map<String, Integer> infra = Map.of("postgres", Ports.free(), "redis", Ports.free(), "kafka", Ports.free(),
				"kafka-controller", Ports.free(), "smtp", Ports.free(), "mailbox", Ports.free(), "turn", Ports.free(),
				"turn-relays", Ports.free());
		return new SuiteOptions(root, stateDir, services, infra, false, extraEnvironment, Duration.ofSeconds(240));
	}

	public int port(String service) {
		return this.servicePorts.get(service);
	}

	/** The app's port. */
	public int gatewayPort() {
		return port("gateway");
	}

	/** The discovery server's port. */
	public int eurekaPort() {
		return port("discovery-server");
	}

	public String gatewayUrl() {
		return "http://" + Ports.LOOPBACK + ":" + gatewayPort();
	}

	Path logs() {
		return this.stateDir.resolve("logs");
	}

	private static int port(Map<String, String> env, String name, int fallback) {
		String value = env.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

}
