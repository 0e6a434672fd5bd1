package dev.parley.embedded.test;

import java.net.URI;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Calls a service under test over real HTTP as a user (or anonymously) and reads the
 * answer, whatever its status, as JSON. The JDK client: it never retries on its own.
 */
public final class TestHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http = RestClient.builder()
		.requestFactory(new JdkClientHttpRequestFactory())
		.defaultStatusHandler((status) -> true, (request, response) -> {
		})
		.build();

	private final String base;

	public TestHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * {@code path} is sent as given (already encoded); {@code token} may be {@code null}.
	 */
	public Reply call(String token, HttpMethod method, String path, Object body) {
		var request = this.http.method(method).uri(URI.create(this.base + path)).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		});
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ResponseEntity<String> response = request.retrieve().toEntity(String.class);
		String text = response.getBody();
		return new Reply(response.getStatusCode().value(),
				(text == null || text.isBlank()) ? null : JSON.readTree(text));
	}

	/** A status and the JSON body ({@code null} when empty). */
	public record Reply(int status, JsonNode json) {

		/** The problem's {@code code}, or {@code null}. */
		public String code() {
			return (this.json != null && this.json.has("code")) ? this.json.get("code").asString() : null;
		}

	}

}
