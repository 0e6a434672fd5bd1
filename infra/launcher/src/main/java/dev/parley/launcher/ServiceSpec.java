package dev.parley.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One JVM of the suite: which module's executable jar, under which name, on which port.
 *
 * @param name the process name, used for its log file ({@code logs/<name>.log})
 * @param module the Maven module directory, relative to the repository root
 * @param port the HTTP port
 */
record ServiceSpec(String name, String module, int port) {

	/** The executable jar the build puts in the module's target folder. */
	Path jar(Path root) {
		String artifact = Path.of(this.module).getFileName().toString();
		return root.resolve(this.module).resolve("target").resolve(artifact + "-exec.jar");
	}

	/** The JVMs of the suite, in start order (Eureka first, the gateway last). */
	static List<ServiceSpec> suite(SuiteOptions options) {
		return List.of(new ServiceSpec("discovery-server", "infra/discovery-server", options.eurekaPort()),
				new ServiceSpec("auth-service", "auth-service", options.port("auth-service")),
				new ServiceSpec("user-service", "user-service", options.port("user-service")),
				new ServiceSpec("message-service", "message-service", options.port("message-service")),
				new ServiceSpec("signaling-service", "signaling-service", options.port("signaling-service")),
				new ServiceSpec("signaling-service-2", "signaling-service", options.port("signaling-service-2")),
				new ServiceSpec("media-service", "media-service", options.port("media-service")),
				new ServiceSpec("gateway", "gateway", options.gatewayPort()));
	}

}
