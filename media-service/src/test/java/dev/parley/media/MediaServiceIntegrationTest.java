package dev.parley.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.testsupport.ServiceIntegrationTest;
import dev.parley.testsupport.TestHttp.Caller;
import dev.parley.testsupport.TestTokens;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * media-service against real PostgreSQL, storing on a local disk of its own, with small
 * limits (an attachment 1 MB, 3 MB per person) so that tests reach them quickly.
 */
public abstract class MediaServiceIntegrationTest extends ServiceIntegrationTest {

	protected static final Path DIR = temporaryDirectory();

	protected static final long ATTACHMENT_LIMIT = 1024 * 1024;

	protected static final long QUOTA = 3 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void media(DynamicPropertyRegistry registry) {
		registry.add("parley.media.dir", DIR::toString);
		registry.add("parley.media.attachment-limit", () -> ATTACHMENT_LIMIT + "B");
		registry.add("parley.media.avatar-limit", () -> "512KB");
		registry.add("parley.media.quota", () -> QUOTA + "B");
	}

	protected Person person() {
		String id = UUID.randomUUID().toString();
		return new Person(id, TestTokens.get().accessToken(id));
	}

	/**
	 * Uploads {@code bytes} as a multipart form: {@code purpose} then the file, named and
	 * typed as given.
	 */
	protected Answer upload(Caller as, String purpose, String name, String type, byte[] bytes) {
		return upload(as, purpose, name, type, bytes, null);
	}

	protected Answer upload(Caller as, String purpose, String name, String type, byte[] bytes, String duration) {
		String boundary = "parley" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (purpose != null) {
			field(body, boundary, "purpose", purpose);
		}
		if (duration != null) {
			field(body, boundary, "durationSeconds", duration);
		}
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n");
		body.writeBytes(bytes);
		write(body, "\r\n--" + boundary + "--\r\n");
		return send(HttpRequest.newBuilder(uri("/api/media"))
			.header("Authorization", "Bearer " + as.token())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** The bytes of {@code path} (e.g. {@code /api/media/<id>/content}) as {@code as}. */
	protected Answer fetch(Caller as, String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + as.token()).GET());
	}

	protected long stagedFiles() throws IOException {
		Path staging = DIR.resolve("staging");
		if (!Files.exists(staging)) {
			return 0;
		}
		try (var files = Files.list(staging)) {
			return files.count();
		}
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	protected static Answer send(HttpRequest.Builder request) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
		write(body,
				"--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("parley-media-it");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public record Person(String id, String token) implements Caller {
	}

	/** An answer whose body may be bytes or JSON. */
	public record Answer(int status, byte[] body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String code() {
			return json().path("code").asString();
		}

		public String text(String field) {
			return json().path(field).asString();
		}

	}

}
