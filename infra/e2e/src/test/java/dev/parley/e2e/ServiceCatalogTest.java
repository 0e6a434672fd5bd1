package dev.parley.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import dev.parley.launcher.ServiceCatalog;
import dev.parley.launcher.ServiceCatalog.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one list of services ({@code infra/launcher/src/main/resources/services.txt}) is
 * what every other place that names the services is checked against, so that a new
 * service cannot be half added.
 */
class ServiceCatalogTest {

	static final Path ROOT = E2eSuite.repositoryRoot();

	/** The services behind the gateway: every deployable but the gateway and Eureka. */
	static final List<String> BEHIND_THE_GATEWAY = ServiceCatalog.deployables()
		.stream()
		.map(Service::artifact)
		.filter((name) -> !name.equals("gateway") && !name.equals("discovery-server"))
		.toList();

	@Test
	void theListIsWellFormed() {
		List<Service> services = ServiceCatalog.services();
		assertThat(services).extracting(Service::name).doesNotHaveDuplicates();
		assertThat(services).extracting(Service::port).doesNotHaveDuplicates();
		assertThat(services).extracting(Service::portVariable).doesNotHaveDuplicates();
		assertThat(services.getFirst().name()).as("Eureka starts first").isEqualTo("discovery-server");
		assertThat(services.getLast().name()).as("the gateway starts last").isEqualTo("gateway");
		for (Service service : services) {
			assertThat(ROOT.resolve(service.module()).resolve("pom.xml")).as(service.name()).exists();
			assertThat(ROOT.resolve(service.module())
				.resolve("src/main/java")
				.resolve(service.javaPackage().replace('.', '/'))).as(service.name()).isDirectory();
		}
	}

	@Test
	void theGatewayRoutesToEveryServiceAndReportsTheHealthOfEach() throws IOException {
		Map<String, Object> yaml = yaml(ROOT.resolve("gateway/src/main/resources/application.yml"));
		Set<String> routed = new TreeSet<>();
		Matcher uri = Pattern.compile("lb:(?:ws:)?//([a-z0-9-]+)")
			.matcher(Files.readString(ROOT.resolve("gateway/src/main/resources/application.yml")));
		while (uri.find()) {
			routed.add(uri.group(1));
		}
		assertThat(routed).as("the services the gateway's routes go to")
			.containsExactlyInAnyOrderElementsOf(BEHIND_THE_GATEWAY);
		@SuppressWarnings("unchecked")
		String health = (String) ((Map<String, Object>) ((Map<String, Object>) yaml.get("parley")).get("gateway"))
			.get("services");
		assertThat(List.of(health.split(","))).as("parley.gateway.services (GET /api/health)")
			.containsExactlyInAnyOrderElementsOf(BEHIND_THE_GATEWAY);
	}

	/**
	 * docker-compose.yml runs every JVM of the list (replicas included) from its module's
	 * image ({@code infra/docker/build-images.sh}), with a health check and a memory
	 * limit. {@code ./chat test-deploy} runs the file itself.
	 */
	@Test
	void composeRunsEveryJvmFromItsModulesImage() throws IOException {
		@SuppressWarnings("unchecked")
		Map<String, Object> services = (Map<String, Object>) yaml(ROOT.resolve("docker-compose.yml")).get("services");
		List<String> problems = new ArrayList<>();
		for (Service service : ServiceCatalog.services()) {
			@SuppressWarnings("unchecked")
			Map<String, Object> compose = (Map<String, Object>) services.get(service.name());
			if (compose == null) {
				problems.add(service.name() + ": not in docker-compose.yml");
				continue;
			}
			String image = "parley/" + service.artifact() + ":${PARLEY_IMAGE_VERSION:-0.1.0}";
			if (!image.equals(compose.get("image"))) {
				problems.add(service.name() + ": image " + compose.get("image") + ", expected " + image);
			}
			if (!(compose.get("healthcheck") instanceof Map<?, ?> health) || health.get("test") == null) {
				problems.add(service.name() + ": no healthcheck");
			}
			if (compose.get("mem_limit") == null) {
				problems.add(service.name() + ": no mem_limit");
			}
			if (compose.containsKey("volumes") && compose.get("volumes").toString().contains("/target/")) {
				problems.add(service.name() + ": mounts from a build tree");
			}
		}
		assertThat(problems).as("docker-compose.yml").isEmpty();
	}

	@Test
	void everyModuleIsBuiltAndSeenByTheEndToEndTests() throws IOException {
		String pom = Files.readString(ROOT.resolve("pom.xml"));
		String e2e = Files.readString(ROOT.resolve("infra/e2e/pom.xml"));
		List<String> missing = new ArrayList<>();
		for (Service service : ServiceCatalog.deployables()) {
			if (!pom.contains("<module>" + service.module() + "</module>")) {
				missing.add("pom.xml module " + service.module());
			}
			if (!e2e.contains("<artifactId>" + service.artifact() + "</artifactId>")) {
				missing.add("infra/e2e/pom.xml dependency " + service.artifact());
			}
		}
		assertThat(missing).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) throws IOException {
		// docker-compose.yml shares settings through anchors: more aliases than the
		// default limit (50).
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(500);
		try (Reader reader = Files.newBufferedReader(file)) {
			return (Map<String, Object>) new Yaml(options).load(reader);
		}
	}

}
