package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published API reference, as a client finds it at the gateway with no token: the
 * page at {@code /api/docs}, each service's OpenAPI description, the bearer scheme and
 * the problem body, and every REST path of the public contract described by some service.
 */
@ExtendWith(E2eSuite.class)
class ApiDocsE2EIT {

	static final List<String> SERVICES = List.of("auth-service", "user-service", "message-service", "signaling-service",
			"media-service");

	/**
	 * The REST paths clients rely on (the contract, as built so far); path variables are
	 * compared by position, not name.
	 */
	static final List<String> CONTRACT = List.of("POST /api/auth/signup", "POST /api/auth/signup/verify",
			"POST /api/auth/otp/resend", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
			"POST /api/auth/password/forgot", "POST /api/auth/password/reset", "POST /api/auth/password/change",
			"GET /api/users/me", "PATCH /api/users/me", "GET /api/users/{}", "GET /api/users", "GET /api/friends",
			"DELETE /api/friends/{}", "POST /api/friend-requests", "GET /api/friend-requests",
			"POST /api/friend-requests/{}/accept", "POST /api/friend-requests/{}/decline",
			"DELETE /api/friend-requests/{}", "GET /api/blocks", "PUT /api/blocks/{}", "DELETE /api/blocks/{}",
			"GET /api/conversations", "POST /api/conversations/direct", "POST /api/conversations",
			"GET /api/conversations/{}", "PATCH /api/conversations/{}", "POST /api/conversations/{}/members",
			"DELETE /api/conversations/{}/members/{}", "GET /api/conversations/{}/messages",
			"POST /api/conversations/{}/messages", "DELETE /api/conversations/{}/messages/{}",
			"DELETE /api/conversations/{}/messages", "POST /api/conversations/{}/read", "POST /api/media",
			"GET /api/media/{}", "GET /api/media/{}/content", "DELETE /api/media/{}", "GET /api/rtc/ice-servers");

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void thePageListsEveryServiceAndLoadsItsScriptsFromTheGateway() throws Exception {
		HttpResponse<String> page = get("/api/docs");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("/api/docs/ui/swagger-ui-bundle.js", "/api/docs/swagger-initializer.js");
		assertThat(get("/api/docs/ui/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
		assertThat(get("/api/docs/ui/swagger-ui.css").statusCode()).isEqualTo(200);
		assertThat(get("/api/docs/ui/index.html").statusCode()).as("only the page's files of Swagger UI")
			.isEqualTo(404);
		HttpResponse<String> post = this.http
			.send(HttpRequest.newBuilder(URI.create(E2eSuite.gateway() + "/api/docs/auth-service"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).as("only reading is open without a token").isEqualTo(401);
		String initializer = get("/api/docs/swagger-initializer.js").body();
		for (String service : SERVICES) {
			assertThat(initializer).contains("'/api/docs/" + service + "'");
		}
	}

	@Test
	void eachServiceDescribesItsApiWithTheBearerSchemeProblemsAndItsPublicPathsOpen() throws Exception {
		Set<String> described = new TreeSet<>();
		for (String service : SERVICES) {
			HttpResponse<String> response = get("/api/docs/" + service);
			assertThat(response.statusCode()).as(service).isEqualTo(200);
			JsonNode api = this.json.readTree(response.body());
			assertThat(api.at("/openapi").asString()).startsWith("3.");
			assertThat(api.at("/info/title").asString()).isEqualTo("Parley " + service);
			assertThat(api.at("/servers/0/url").asString()).as("paths as called through the gateway").isEqualTo("/");
			assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
			assertThat(api.at("/security/0").has("bearer")).as(service + ": a token by default").isTrue();
			assertThat(api.at("/components/schemas/Problem/properties/code").isObject()).isTrue();
			api.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
				described.add(operation.getKey().toUpperCase() + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"));
				assertThat(operation.getValue().at("/responses/default/content").has("application/problem+json"))
					.as(operation.getKey() + " " + path.getKey() + " answers errors as problems")
					.isTrue();
			}));
		}
		assertThat(described).as("the contract's REST paths, each described by a service").containsAll(CONTRACT);

		JsonNode auth = this.json.readTree(get("/api/docs/auth-service").body());
		assertThat(auth.at("/paths/~1api~1auth~1login/post/security").isArray()).isTrue();
		assertThat(auth.at("/paths/~1api~1auth~1login/post/security")).as("signing in needs no token").isEmpty();
		assertThat(auth.at("/paths/~1api~1auth~1password~1change/post/security").isMissingNode())
			.as("changing the password needs the token (the document's default)")
			.isTrue();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(E2eSuite.gateway() + path)).timeout(Duration.ofSeconds(15)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
