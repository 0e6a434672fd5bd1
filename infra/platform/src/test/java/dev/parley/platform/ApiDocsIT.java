package dev.parley.platform;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's OpenAPI description as the platform shapes it: readable without a token,
 * paths relative to the gateway, the bearer scheme by default and none on the service's
 * public paths, and every operation's errors as the Problem schema.
 */
@TestPropertySource(properties = "parley.security.public-paths=/api/probe/taken")
class ApiDocsIT extends ProbeServiceTest {

	@Test
	void theDescriptionIsPublicWithTheBearerSchemeProblemsAndOpenPublicPaths() {
		ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		JsonNode api = JsonMapper.builder().build().readTree(response.getBody());

		assertThat(api.at("/info/title").asString()).isEqualTo("Parley probe-service");
		assertThat(api.at("/servers/0/url").asString()).isEqualTo("/");
		assertThat(api.at("/components/securitySchemes/bearer/bearerFormat").asString()).isEqualTo("JWT");
		assertThat(api.at("/security/0").has("bearer")).isTrue();
		assertThat(api.at("/components/schemas/Problem/properties/code/type").asString())
			.as(api.at("/components").toString())
			.isEqualTo("string");
		assertThat(api.at("/components/schemas/Problem/required").toString()).contains("code");

		JsonNode me = api.at("/paths/~1api~1probe~1me/get");
		assertThat(me.isObject()).as(api.at("/paths").toString()).isTrue();
		assertThat(me.at("/security").isMissingNode()).as("a token, the document's default").isTrue();
		assertThat(me.at("/responses/default/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		assertThat(api.at("/paths/~1api~1probe~1taken/get/security").isArray()).isTrue();
		assertThat(api.at("/paths/~1api~1probe~1taken/get/security")).as("a public path needs no token").isEmpty();
	}

}
