package dev.parley.platform;

import java.util.UUID;

import dev.parley.platform.web.RequestIds;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform in a running servlet app: tokens verified against a JWKS served over HTTP,
 * every failure answered as problem+json with a code, request ids echoed.
 */
class ServletPlatformIT extends ProbeServiceTest {

	@Autowired
	RestClient.Builder builder;

	final String userId = UUID.randomUUID().toString();

	RestClient client() {
		return this.builder.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> get(String path, String token) {
		return client().get().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).retrieve().toEntity(String.class);
	}

	@Test
	void aValidTokenIdentifiesTheUserBySubject() {
		ResponseEntity<String> response = get("/api/probe/me", tokens.accessToken(this.userId));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains(this.userId);
	}

	@Test
	void noTokenIsA401ProblemWithCode() {
		ResponseEntity<String> response = get("/api/probe/me", null);
		assertUnauthenticated(response);
	}

	@Test
	void expiredWrongKeyUnsignedAndTamperedTokensAreRefused() {
		assertUnauthenticated(get("/api/probe/me", tokens.expired(this.userId)));
		assertUnauthenticated(get("/api/probe/me", tokens.wrongSignature(this.userId)));
		assertUnauthenticated(get("/api/probe/me", tokens.unsigned(this.userId)));
		assertUnauthenticated(get("/api/probe/me", tokens.tampered(this.userId, UUID.randomUUID().toString())));
		assertUnauthenticated(get("/api/probe/me", "not-a-jwt"));
	}

	@Test
	void aTokenThatIsNotAnAccessTokenIsRefused() {
		var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder(
				TestTokens.claims(this.userId, java.time.Duration.ofMinutes(5)))
			.claim("token_use", "refresh")
			.build();
		assertUnauthenticated(get("/api/probe/me", tokens.signed(claims)));
	}

	@Test
	void unknownPathIs404ProblemFromTheService() {
		ResponseEntity<String> response = get("/api/probe/nothing-here", tokens.accessToken(this.userId));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"code\":\"NOT_FOUND\"");
		assertThat(response.getHeaders().getFirst(RequestIds.SERVED_BY_HEADER)).isEqualTo("probe-service");
	}

	@Test
	void validationFailureNamesTheField() {
		ResponseEntity<String> response = client().post()
			.uri("/api/probe/things")
			.headers((h) -> h.setBearerAuth(tokens.accessToken(this.userId)))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("\"code\":\"VALIDATION_FAILED\"").contains("\"field\":\"name\"");
	}

	@Test
	void malformedJsonIsA400Problem() {
		ResponseEntity<String> response = client().post()
			.uri("/api/probe/things")
			.headers((h) -> h.setBearerAuth(tokens.accessToken(this.userId)))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("\"code\":\"BAD_REQUEST\"");
	}

	@Test
	void aNulCharacterInAJsonStringOrTheUrlIsA400NotA500() {
		ResponseEntity<String> body = client().post()
			.uri("/api/probe/things")
			.headers((h) -> h.setBearerAuth(tokens.accessToken(this.userId)))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\":\"a\\u0000b\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(body.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body.getBody()).contains("\"code\":");
		ResponseEntity<String> url = client().get()
			.uri(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/probe/me?q=a%00b"))
			.headers((h) -> h.setBearerAuth(tokens.accessToken(this.userId)))
			.retrieve()
			.toEntity(String.class);
		assertThat(url.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(url.getBody()).contains("\"code\":\"VALIDATION_FAILED\"");
	}

	@Test
	void domainFailureKeepsItsStatusAndCode() {
		ResponseEntity<String> response = get("/api/probe/taken", tokens.accessToken(this.userId));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getBody()).contains("\"code\":\"THING_TAKEN\"").contains("That thing is taken.");
	}

	@Test
	void unexpectedFailureIs500WithoutInternals() {
		ResponseEntity<String> response = get("/api/probe/bug", tokens.accessToken(this.userId));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody()).contains("\"code\":\"INTERNAL_ERROR\"")
			.doesNotContain("internal detail")
			.doesNotContain("IllegalStateException")
			.doesNotContain("at dev.parley");
	}

	@Test
	void requestIdIsKeptWhenWellFormedAndReplacedWhenNot() {
		ResponseEntity<String> kept = client().get()
			.uri("/api/probe/me")
			.header(RequestIds.HEADER, "req-12345678")
			.header("Authorization", "Bearer " + tokens.accessToken(this.userId))
			.retrieve()
			.toEntity(String.class);
		assertThat(kept.getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("req-12345678");
		ResponseEntity<String> replaced = client().get()
			.uri("/api/probe/me")
			.header(RequestIds.HEADER, "bad id\r\nX-Injected: 1")
			.retrieve()
			.toEntity(String.class);
		assertThat(replaced.getHeaders().getFirst(RequestIds.HEADER)).matches("[0-9a-f-]{36}");
	}

	@Test
	void healthIsPublic() {
		assertThat(get("/actuator/health", null).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private static void assertUnauthenticated(ResponseEntity<String> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"code\":\"UNAUTHENTICATED\"");
	}

}
