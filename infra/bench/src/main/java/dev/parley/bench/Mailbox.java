package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * The launcher's dev mailbox, read as JSON ({@code GET /mails.json?to=}): where the
 * sign-up codes arrive.
 */
final class Mailbox {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	Mailbox(String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** The code of the newest mail to the address that has one, waiting for it. */
	String awaitCode(String email, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		URI uri = URI.create(this.base + "/mails.json?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
		String last = "nothing";
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 404) {
					throw new IllegalStateException("The dev mailbox at " + this.base
							+ " has no /mails.json: rebuild the launcher (./chat build) and restart Parley");
				}
				last = "HTTP " + response.statusCode();
				for (JsonNode mail : Json.read(response.body())) {
					if (!mail.path("code").isNull() && !mail.path("code").asString("").isEmpty()) {
						return mail.path("code").asString();
					}
				}
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			Gateway.sleep(Duration.ofMillis(200));
		}
		throw new IllegalStateException(
				"No code reached " + email + " in the dev mailbox within " + timeout + " (last answer: " + last + ")");
	}

}
