package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.testsupport.SocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace per message across the suite, as an operator's collector receives it over
 * OTLP: the trace context crosses HTTP, Kafka and message-service's outbox, so the spans
 * of every process that handled a message hang together, each under the one that caused
 * it.
 */
@ExtendWith(E2eSuite.class)
class TracingE2EIT {

	private static final String KEY = "messaging.kafka.message.key";

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aMessageSentOverTheSocketIsOneTraceFromSignalingThroughMessageServiceToTheDeliveringReplica()
			throws Exception {
		Traffic.Pair pair = this.accounts.friends("trace");
		Accounts.Session ada = pair.a();
		String conversation = pair.conversationId();

		SocketClient adaSocket = LiveMessagingE2EIT.connect("signaling-service", ada);
		SocketClient boSocket = LiveMessagingE2EIT.connect("signaling-service-2", pair.b());
		try {
			adaSocket.send(this.json.writeValueAsString(Map.of("type", "message.send", "id", "t1", "data",
					Map.of("conversationId", conversation, "clientMessageId", "trace-1", "text", "traced"))));
			adaSocket.expect("ack", (frame) -> frame.path("id").asString().equals("t1"));
			boSocket.expect("message.new");
		}
		finally {
			adaSocket.close();
			boSocket.close();
		}

		TraceCollector traces = E2eSuite.traces();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			TraceCollector.Span sent = only(traces.withAttribute(KEY, conversation)
				.stream()
				.filter((span) -> span.kind().equals("SPAN_KIND_PRODUCER"))
				.toList());
			assertThat(sent.service()).isEqualTo("signaling-service");
			assertThat(sent.parentSpanId()).as("a socket frame starts its trace").isEmpty();
			List<TraceCollector.Span> trace = traces.trace(sent.traceId());
			TraceCollector.Span command = only(trace, "message-service", "message command");
			assertThat(command.parentSpanId()).as("the command under its send").isEqualTo(sent.spanId());
			assertThat(command.attributes()).containsEntry(KEY, conversation);
			TraceCollector.Span event = only(trace, "signaling-service", "message event");
			assertThat(trace).as("the event under the command that wrote it to the outbox").anySatisfy((span) -> {
				assertThat(span.spanId()).isEqualTo(event.parentSpanId());
				assertThat(span.service()).isEqualTo("message-service");
			});
			assertThat(event.attributes()).containsEntry("parley.delivered", "true");
		});
	}

	@Test
	void aMessageSentOverRestContinuesTheCallersTraceThroughTheGatewayMessageServiceAndKafka() throws Exception {
		Traffic.Pair pair = this.accounts.friends("trace");
		Accounts.Session ada = pair.a();
		String conversation = pair.conversationId();
		HexFormat hex = HexFormat.of();
		SecureRandom random = new SecureRandom();
		String traceId = hex.formatHex(random.generateSeed(16));
		String parent = hex.formatHex(random.generateSeed(8));

		HttpResponse<String> sent = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(E2eSuite.gateway() + "/api/conversations/" + conversation + "/messages"))
				.header("Authorization", "Bearer " + ada.token())
				.header("Content-Type", "application/json")
				.header("traceparent", "00-" + traceId + "-" + parent + "-01")
				.POST(HttpRequest.BodyPublishers.ofString("{\"clientMessageId\":\"trace-rest\",\"text\":\"traced\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);

		TraceCollector traces = E2eSuite.traces();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<TraceCollector.Span> trace = traces.trace(traceId);
			assertThat(trace).as("the gateway's span under the caller's").anySatisfy((span) -> {
				assertThat(span.service()).isEqualTo("gateway");
				assertThat(span.parentSpanId()).isEqualTo(parent);
			});
			assertThat(trace).extracting(TraceCollector.Span::service)
				.as("every process the message went through")
				.contains("gateway", "message-service", "signaling-service");
			TraceCollector.Span event = only(trace, "signaling-service", "message event");
			assertThat(event.attributes()).containsEntry(KEY, conversation);
		});
	}

	private static TraceCollector.Span only(List<TraceCollector.Span> trace, String service, String name) {
		return only(
				trace.stream().filter((span) -> span.service().equals(service) && span.name().equals(name)).toList());
	}

	private static TraceCollector.Span only(List<TraceCollector.Span> spans) {
		assertThat(spans).hasSize(1);
		return spans.getFirst();
	}

}
