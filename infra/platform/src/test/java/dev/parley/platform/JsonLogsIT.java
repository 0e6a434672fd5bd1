package dev.parley.platform;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.parley.platform.web.RequestIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JSON logs, for a log pipeline: with {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} every
 * line is one JSON object (Elastic Common Schema) that carries the request id and the
 * trace id of the request it was written for, and the service's name.
 */
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsIT extends ProbeServiceTest {

	@Test
	void eachLineIsAJsonObjectWithTheRequestAndTraceIdsOfItsRequest(CapturedOutput output) {
		String requestId = UUID.randomUUID().toString();
		String traceId = UUID.randomUUID().toString().replace("-", "");
		RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/api/probe/me")
			.header(RequestIds.HEADER, requestId)
			// The caller's trace (W3C), which the service continues.
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.header("Authorization", "Bearer " + tokens.accessToken(UUID.randomUUID().toString()))
			.retrieve()
			.toBodilessEntity();

		// The access line is written once the answer has gone out: wait for it.
		JsonMapper json = JsonMapper.builder().build();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<JsonNode> lines = output.getOut()
				.lines()
				.filter((line) -> line.startsWith("{"))
				.map(json::readTree)
				.toList();
			assertThat(lines).as("JSON log lines").isNotEmpty();
			assertThat(lines).filteredOn((line) -> requestId.equals(line.path("requestId").asString()))
				.as("the access line of the request, with its id")
				.singleElement()
				.satisfies((line) -> {
					assertThat(line.path("message").asString()).startsWith("GET /api/probe/me 200");
					assertThat(line.at("/service/name").asString()).isEqualTo("probe-service");
					assertThat(line.path("traceId").asString()).as("the trace id").isEqualTo(traceId);
				});
		});
	}

}
