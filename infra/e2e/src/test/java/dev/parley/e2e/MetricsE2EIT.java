package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.testsupport.SocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The domain meters an operator watches, scraped from each service's
 * {@code /actuator/prometheus} as Prometheus would, moving with what people do: a wrong
 * password, a message sent on one signaling replica and delivered on the other.
 */
@ExtendWith(E2eSuite.class)
class MetricsE2EIT {

	static final List<String> SIGNALING = List.of("signaling-service", "signaling-service-2");

	static final List<String> MESSAGING = List.of("message-service", "message-service-2");

	final Accounts accounts = new Accounts(E2eSuite.gateway(), E2eSuite.mail());

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aWrongPasswordAndAMessageMoveTheirMetersOnTheServicesThatSawThem() throws Exception {
		Traffic.Pair pair = this.accounts.friends("meter");
		Accounts.Session ada = pair.a();
		Accounts.Session bo = pair.b();
		String conversation = pair.conversationId();

		double failedBefore = sum(List.of("auth-service"), "parley_logins_failed_total", "reason=\"credentials\"");
		double receivedBefore = sum(SIGNALING, "parley_messages_received_total", "");
		double deliveredBefore = sum(SIGNALING, "parley_messages_delivered_total", "");
		double timedBefore = sum(SIGNALING, "parley_messages_delivery_seconds_count", "");
		double storedBefore = sum(MESSAGING, "parley_messages_stored_total", "kind=\"text\"");

		HttpResponse<String> wrong = this.accounts.post("/api/auth/login",
				"{\"login\":\"%s\",\"password\":\"not-the-password-1\"}".formatted(ada.user().username()));
		assertThat(wrong.statusCode()).isEqualTo(401);

		SocketClient adaSocket = LiveMessagingE2EIT.connect("signaling-service", ada);
		SocketClient boSocket = LiveMessagingE2EIT.connect("signaling-service-2", bo);
		try {
			adaSocket.send(this.json.writeValueAsString(Map.of("type", "message.send", "id", "m1", "data",
					Map.of("conversationId", conversation, "clientMessageId", "meter-1", "text", "counted"))));
			adaSocket.expect("ack", (frame) -> frame.path("id").asString().equals("m1"));
			boSocket.expect("message.new");
			assertThat(value(scrape("signaling-service"), "parley_sockets_open", "")).as("sockets open on replica 1")
				.isGreaterThanOrEqualTo(1);
		}
		finally {
			adaSocket.close();
			boSocket.close();
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(sum(List.of("auth-service"), "parley_logins_failed_total", "reason=\"credentials\""))
				.as("sign-ins refused for a wrong password")
				.isGreaterThanOrEqualTo(failedBefore + 1);
			assertThat(sum(SIGNALING, "parley_messages_received_total", "")).as("messages in")
				.isGreaterThanOrEqualTo(receivedBefore + 1);
			assertThat(sum(MESSAGING, "parley_messages_stored_total", "kind=\"text\"")).as("messages stored")
				.isGreaterThanOrEqualTo(storedBefore + 1);
			assertThat(sum(SIGNALING, "parley_messages_delivered_total", "")).as("deliveries: Ada's and Bo's")
				.isGreaterThanOrEqualTo(deliveredBefore + 2);
			assertThat(sum(SIGNALING, "parley_messages_delivery_seconds_count", "")).as("delivery latencies timed")
				.isGreaterThanOrEqualTo(timedBefore + 1);
		});

		String signaling = scrape("signaling-service");
		assertThat(signaling).as("the delivery latency is a histogram (for quantiles across replicas)")
			.contains("parley_messages_delivery_seconds_bucket{");
		assertThat(signaling).contains("parley_calls_active");
		for (String service : List.of("auth-service", "user-service", "message-service")) {
			assertThat(scrape(service)).as(service + ": events waiting in its outbox")
				.contains("parley_outbox_backlog");
		}
		for (String service : List.of("user-service", "message-service", "signaling-service")) {
			assertThat(scrape(service)).as(service + ": how far its Kafka consumers lag")
				.contains("kafka_consumer_fetch_manager_records_lag_max");
		}
	}

	private double sum(List<String> services, String metric, String label) throws Exception {
		double total = 0;
		for (String service : services) {
			total += value(scrape(service), metric, label);
		}
		return total;
	}

	/**
	 * The sum of a metric's samples whose labels contain {@code label}; 0 when it has
	 * none yet.
	 */
	private static double value(String exposition, String metric, String label) {
		return exposition.lines()
			.filter((line) -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
			.filter((line) -> line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private String scrape(String service) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + E2eSuite.port(service) + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
		return response.body();
	}

}
