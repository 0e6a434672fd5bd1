package dev.parley.testsupport;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client of the services' tests: calls a service under test over real HTTP
 * as a user (or anonymously) and reads the answer, whatever its status, as JSON. The JDK
 * client: it never retries on its own (Apache's would sleep out a {@code Retry-After}).
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
		return call(method, path, body, (headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		});
	}

	/** As this user (with their token), or anonymously when {@code as} is null. */
	public Reply call(Caller as, HttpMethod method, String path, Object body) {
		return call((as != null) ? as.token() : null, method, path, body);
	}

	public Reply get(Caller as, String path) {
		return call(as, HttpMethod.GET, path, null);
	}

	public Reply post(Caller as, String path, Object body) {
		return call(as, HttpMethod.POST, path, body);
	}

	public Reply patch(Caller as, String path, Object body) {
		return call(as, HttpMethod.PATCH, path, body);
	}

	public Reply delete(Caller as, String path) {
		return call(as, HttpMethod.DELETE, path, null);
	}

	/** Any request: {@code headers} adds to the request's headers. */
	public Reply call(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers) {
		var request = this.http.method(method).uri(URI.create(this.base + path)).headers(headers);
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ResponseEntity<String> response = request.retrieve().toEntity(String.class);
		String text = response.getBody();
		return new Reply(response.getStatusCode().value(), text,
				(text == null || text.isBlank()) ? null : JSON.readTree(text), response.getHeaders());
	}

	/** Whoever calls: a test's person, with an access token. */
	public interface Caller {

		String token();

	}

	/**
	 * A status, the body as text and as JSON ({@code null} when empty), and the headers.
	 */
	public record Reply(int status, String body, JsonNode json, HttpHeaders headers) {

		/** A field of the JSON body as text, or {@code null}. */
		public String text(String field) {
			JsonNode node = (this.json != null) ? this.json.get(field) : null;
			return (node == null || node.isNull()) ? null : node.asString();
		}

		/** The problem's {@code code}, or {@code null}. */
		public String code() {
			return text("code");
		}

		public String retryAfter() {
			return this.headers.getFirst(HttpHeaders.RETRY_AFTER);
		}

		public List<String> setCookies() {
			return this.headers.getOrEmpty(HttpHeaders.SET_COOKIE);
		}

	}

}
