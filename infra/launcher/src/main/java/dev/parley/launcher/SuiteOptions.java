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
 * @param gatewayPort the app's port
 * @param eurekaPort the discovery server's port
 * @param servicePorts each service's port
 * @param infraPorts ports of the embedded servers ({@code postgres}, {@code redis},
 * {@code kafka}, {@code kafka-controller}, {@code smtp} and {@code mailbox} of the mail
 * catcher)
 * @param persistentData keep database data in the state dir across runs
 * @param extraEnvironment added to every JVM's environment
 * @param startTimeout how long to wait for the gateway to route to every service
 */
public record SuiteOptions(Path root, Path stateDir, int gatewayPort, int eurekaPort, Map<String, Integer> servicePorts,
		Map<String, Integer> infraPorts, boolean persistentData, Map<String, String> extraEnvironment,
		Duration startTimeout) {

	/**
	 * What {@code ./chat up} uses: fixed ports (overridable by environment), data kept.
	 */
	public static SuiteOptions local(Path root, Map<String, String> env) {
		Map<String, Integer> services = new LinkedHashMap<>();
		services.put("auth-service", port(env, "PARLEY_AUTH_PORT", 8081));
		services.put("user-service", port(env, "PARLEY_USER_PORT", 8082));
		services.put("message-service", port(env, "PARLEY_MESSAGE_PORT", 8083));
		// Second replicas, so that what replicas share (cross-replica delivery, the
		// outbox relay's turns, the consumer groups' rebalances) is what runs every day.
		services.put("message-service-2", port(env, "PARLEY_MESSAGE_2_PORT", 8087));
		services.put("signaling-service", port(env, "PARLEY_SIGNALING_PORT", 8084));
		services.put("signaling-service-2", port(env, "PARLEY_SIGNALING_2_PORT", 8086));
		services.put("media-service", port(env, "PARLEY_MEDIA_PORT", 8085));
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
		return new SuiteOptions(root, root.resolve(".parley"), port(env, "PARLEY_GATEWAY_PORT", 8080),
				port(env, "PARLEY_EUREKA_PORT", 8761), services, infra, true, Map.of(), timeout);
	}

	/** For tests: free ports, a throwaway state dir, and the given extra environment. */
	public static SuiteOptions ephemeral(Path root, Path stateDir, Map<String, String> extraEnvironment) {
		Map<String, Integer> services = new LinkedHashMap<>();
		for (String name : new String[] { "auth-service", "user-service", "message-service", "message-service-2",
				"signaling-service", "signaling-service-2", "media-service" }) {
			services.put(name, Ports.free());
		}
		Map<String, Integer> infra = Map.of("postgres", Ports.free(), "redis", Ports.free(), "kafka", Ports.free(),
				"kafka-controller", Ports.free(), "smtp", Ports.free(), "mailbox", Ports.free(), "turn", Ports.free(),
				"turn-relays", Ports.free());
		return new SuiteOptions(root, stateDir, Ports.free(), Ports.free(), services, infra, false, extraEnvironment,
				Duration.ofSeconds(240));
	}

	public int port(String service) {
		return this.servicePorts.get(service);
	}

	public String gatewayUrl() {
		return "http://" + Ports.LOOPBACK + ":" + this.gatewayPort;
	}

	Path logs() {
		return this.stateDir.resolve("logs");
	}

	private static int port(Map<String, String> env, String name, int fallback) {
		String value = env.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

}
