package dev.parley.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files an operator takes for monitoring ({@code infra/observability}) and the
 * metrics table of docs/operations.md name the meters the code registers, under the names
 * Prometheus gives them, so neither goes stale when a meter is renamed.
 */
class ObservabilityFilesTest {

	static final Path ROOT = E2eSuite.repositoryRoot();

	static final Pattern METER = Pattern.compile("(Counter|Gauge|Timer)\\s*\\.builder\\(\\s*\"(parley\\.[a-z.]+)\"");

	static final Pattern PROMETHEUS_NAME = Pattern.compile("parley_[a-z_]+");

	@Test
	void theDashboardAndTheDocsUseOnlyMetersTheCodeRegistersAndTheDocsNameEach() throws IOException {
		Map<String, Set<String>> meters = metersInCode();
		assertThat(meters).as("Parley's meters found in the code").hasSizeGreaterThanOrEqualTo(8);
		Set<String> exposed = new TreeSet<>();
		meters.values().forEach(exposed::addAll);

		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(ROOT.resolve("infra/observability/grafana-dashboard.json")));
		Set<String> charted = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			assertThat(panel.get("targets")).as(panel.path("title").asString()).isNotEmpty();
			panel.get("targets").forEach((target) -> charted.addAll(names(target.get("expr").asString())));
		}
		assertThat(exposed).as("series the code exposes").containsAll(charted);

		String operations = Files.readString(ROOT.resolve("docs/operations.md"));
		assertThat(exposed).containsAll(names(operations));
		meters.forEach((meter, series) -> assertThat(series).as(meter + " in docs/operations.md#metrics")
			.anySatisfy((name) -> assertThat(operations).contains("`" + name)));
	}

	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryInstanceEurekaKnowsAtItsActuatorEndpoint() throws IOException {
		Map<String, Object> config;
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("infra/observability/prometheus.yml"))) {
			config = new Yaml().load(reader);
		}
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
		assertThat(jobs).singleElement().satisfies((job) -> {
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			assertThat((List<Map<String, Object>>) job.get("eureka_sd_configs")).singleElement()
				.satisfies((sd) -> assertThat((String) sd.get("server")).endsWith("/eureka"));
		});
	}

	/** Each meter's name, and the series Prometheus shows for it. */
	private static Map<String, Set<String>> metersInCode() throws IOException {
		Map<String, Set<String>> meters = new TreeMap<>();
		try (Stream<Path> files = Files.walk(ROOT)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java"))
				.filter((f) -> f.toString().contains("/src/main/java/"))
				.filter((f) -> !f.toString().contains("/node_modules/"))
				.toList()) {
				Matcher matcher = METER.matcher(Files.readString(file));
				while (matcher.find()) {
					String base = matcher.group(2).replace('.', '_');
					meters.put(matcher.group(2), switch (matcher.group(1)) {
						case "Counter" -> Set.of(base + "_total");
						case "Timer" -> Set.of(base + "_seconds", base + "_seconds_bucket", base + "_seconds_count",
								base + "_seconds_sum", base + "_seconds_max");
						default -> Set.of(base);
					});
				}
			}
		}
		return meters;
	}

	private static Set<String> names(String text) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = PROMETHEUS_NAME.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

}
