package dev.parley.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import dev.parley.embedded.Infrastructure;
import dev.parley.launcher.Suite;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suite started the way ./chat up starts it, driven through the gateway only: every
 * route reaches its service, the edge refuses bad tokens, the socket upgrade is guarded,
 * and the browser app renders the health page.
 */
@ExtendWith(E2eSuite.class)
class FoundationE2EIT {

	static final Map<String, String> ROUTES = Map.of("/api/auth/e2e-probe/no/such/path", "auth-service",
			"/api/users/e2e-probe/no/such/path", "user-service", "/api/friends/e2e-probe/no/such/path", "user-service",
			"/api/friend-requests/e2e-probe/no/such/path", "user-service", "/api/blocks/e2e-probe/no/such/path",
			"user-service", "/api/conversations/e2e-probe/no/such/path", "message-service",
			"/api/media/e2e-probe/no/such/path", "media-service", "/api/rtc/e2e-probe/no/such/path",
			"signaling-service");

	final TestTokens tokens = TestTokens.get();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final String userId = UUID.randomUUID().toString();

	final Suite suite = E2eSuite.get();

	final String gateway = E2eSuite.gateway();

	@Test
	void everyRouteReachesItsServiceWithAValidToken() throws Exception {
		for (var route : ROUTES.entrySet()) {
			HttpResponse<String> response = get(route.getKey(), this.tokens.accessToken(this.userId));
			assertThat(response.headers().firstValue("X-Served-By")).as(route.getKey()).contains(route.getValue());
			assertThat(response.statusCode()).as(route.getKey()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		}
		HttpResponse<String> ice = get("/api/rtc/ice-servers", this.tokens.accessToken(this.userId));
		assertThat(ice.statusCode()).isEqualTo(200);
		assertThat(ice.body()).contains("\"iceServers\"");
	}

	@Test
	void withoutATokenEveryApiRouteIs401AtTheEdge() throws Exception {
		for (String path : ROUTES.keySet()) {
			HttpResponse<String> response = get(path, null);
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("X-Served-By")).as("answered by the gateway").isEmpty();
			assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
			assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
		}
	}

	@Test
	void badTokensAre401() throws Exception {
		List<String> bad = List.of(this.tokens.expired(this.userId), this.tokens.wrongSignature(this.userId),
				this.tokens.unsigned(this.userId), this.tokens.tampered(this.userId, UUID.randomUUID().toString()),
				"garbage");
		for (String token : bad) {
			assertThat(get("/api/users/e2e-probe/no/such/path", token).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void publicAccountEndpointsPassTheEdgeWithoutAToken() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.gateway + "/api/auth/login"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("X-Served-By")).contains("auth-service");
	}

	@Test
	void theRequestIdReachesTheServiceLog() throws Exception {
		String requestId = "e2e-" + UUID.randomUUID();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.gateway + "/api/conversations/e2e-probe/no/such/path"))
				.header("Authorization", "Bearer " + this.tokens.accessToken(this.userId))
				.header("X-Request-Id", requestId)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);
		// Whichever message-service replica served it.
		Path logs = this.suite.options().stateDir().resolve("logs");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Files.readString(logs.resolve("message-service.log"))
					+ Files.readString(logs.resolve("message-service-2.log")))
				.contains(requestId));
	}

	@Test
	void aSocketAuthenticatesAtTheUpgradeOrWithItsFirstFrameAndABadTokenIsRefused() throws Exception {
		assertThat(handshakeFailure(this.tokens.expired(this.userId))).isEqualTo(401);
		assertThat(handshakeFailure(this.tokens.wrongSignature(this.userId))).isEqualTo(401);
		String base = this.gateway.replace("http://", "ws://");
		SocketClient atUpgrade = SocketClient.connect(base, this.tokens.accessToken(this.userId));
		atUpgrade.send("{\"type\":\"ping\",\"id\":\"e2e-1\"}");
		assertThat(atUpgrade.expect("pong").path("id").asString()).isEqualTo("e2e-1");
		atUpgrade.close();

		SocketClient firstFrame = SocketClient.connect(base, null);
		firstFrame.send("{\"type\":\"typing\",\"id\":\"e2e-2\",\"data\":{}}");
		assertThat(firstFrame.expect("error").path("data").path("code").asString()).isEqualTo("UNAUTHENTICATED");
		firstFrame.send("{\"type\":\"auth\",\"id\":\"e2e-3\",\"data\":{\"token\":\""
				+ this.tokens.accessToken(this.userId) + "\"}}");
		assertThat(firstFrame.expect("ack").path("data").path("userId").asString()).isEqualTo(this.userId);
		firstFrame.close();

		SocketClient badFirstFrame = SocketClient.connect(base, null);
		badFirstFrame.send("{\"type\":\"auth\",\"id\":\"e2e-4\",\"data\":{\"token\":\""
				+ this.tokens.expired(this.userId) + "\"}}");
		assertThat(badFirstFrame.closeCode()).isEqualTo(4002);
	}

	@Test
	void everyDataOwningServiceMigratedItsOwnSchema() throws Exception {
		Infrastructure infra = this.suite.infrastructure();
		try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword())) {
			for (String schema : List.of("auth", "users", "messaging", "media")) {
				try (ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from " + schema + ".flyway_schema_history where success")) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getInt(1)).as(schema).isPositive();
				}
			}
		}
	}

	@Test
	void theBrowserAppShowsTheSuiteHealth() {
		WebDriver browser = Browser.open();
		try {
			browser.get(this.gateway + "/health");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until((d) -> "UP".equals(d.findElement(By.cssSelector("[data-testid=health-overall]")).getText()));
			for (String service : List.of("auth-service", "user-service", "message-service", "signaling-service",
					"media-service")) {
				String status = browser
					.findElement(By.cssSelector("[data-testid=service-" + service + "] [data-testid=service-status]"))
					.getText();
				assertThat(status).as(service).isEqualTo("UP");
			}
			assertThat(browser.getTitle()).isEqualTo("Parley");
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void unknownAppPathsServeTheAppAndUnknownApiPathsDoNot() throws Exception {
		HttpResponse<String> app = this.http.send(HttpRequest.newBuilder(URI.create(this.gateway + "/some/deep/link"))
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(app.statusCode()).isEqualTo(200);
		assertThat(app.body()).contains("<div id=\"root\">");
		HttpResponse<String> file = get("/no-such-file.js", null);
		assertThat(file.statusCode()).isEqualTo(404);
		assertThat(get("/actuator/prometheus", null).statusCode()).isIn(401, 403);
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
	}

	/**
	 * A client that sends its next request the moment it has read an answer, on the same
	 * connection (as browsers and the JDK's client do), always gets an answer. With
	 * Reactor Netty 1.3.6 about one request in a hundred after a missing file was never
	 * answered (reactor-netty#4361).
	 */
	@Test
	void aKeepAliveConnectionAnswersEveryRequestThatFollowsAMissingFile() throws Exception {
		HttpClient oneConnection = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (int i = 0; i < 300; i++) {
			for (String path : List.of("/no-such-file.js", "/actuator/health")) {
				HttpResponse<String> response = oneConnection.send(
						HttpRequest.newBuilder(URI.create(this.gateway + path)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(path).isEqualTo(path.endsWith(".js") ? 404 : 200);
			}
		}
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI socketUri() {
		return URI.create(this.gateway.replace("http://", "ws://") + "/ws");
	}

	/** The HTTP status of a refused upgrade (101 would mean it was accepted). */
	private int handshakeFailure(String token) {
		try {
			this.http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + token)
				.buildAsync(socketUri(), new WebSocket.Listener() {
				})
				.join()
				.abort();
			return 101;
		}
		catch (CompletionException ex) {
			assertThat(ex.getCause()).isInstanceOf(WebSocketHandshakeException.class);
			return ((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode();
		}
	}

}
