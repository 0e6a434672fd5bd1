package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * REST calls through the gateway (never a service port). A 429 is waited out as its
 * {@code Retry-After} says, and a 502/503/504 or an I/O failure is tried again, a few
 * times, so a throttle slows provisioning down instead of failing it.
 */
final class Gateway {

	private static final int ATTEMPTS = 5;

	/** The people the bench plays come from many addresses, as real ones would. */
	private final ClientAddresses clients;

	private final String base;

	Gateway(String base) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.clients = new ClientAddresses(this.base, 64);
	}

	String base() {
		return this.base;
	}

	/** The socket URL: the gateway's, with ws:// and /ws. */
	URI socketUri() {
		return URI.create(this.base.replaceFirst("^http", "ws") + "/ws");
	}

	Response post(String path, Object body, String token) {
		return call("POST", path, body, token);
	}

	Response get(String path, String token) {
		return call("GET", path, null, token);
	}

	Response call(String method, String path, Object body, String token) {
		String json = (body != null) ? Json.write(body) : null;
		IOException lastFailure = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept", "application/json")
				.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
						: HttpRequest.BodyPublishers.noBody());
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			try {
				HttpResponse<String> response = this.clients.next()
					.send(request.build(), HttpResponse.BodyHandlers.ofString());
				Response answer = new Response(response.statusCode(), response.body());
				if (attempt < ATTEMPTS && answer.status() == 429) {
					long wait = response.headers()
						.firstValueAsLong("Retry-After")
						.orElse(answer.body().path("retryAfterSeconds").asLong(5));
					Bench.log("%s %s: 429 %s, waiting %d s as asked", method, path, answer.code(), wait);
					sleep(Duration.ofSeconds(Math.max(1, Math.min(wait, 120))));
					continue;
				}
				if (attempt < ATTEMPTS && answer.status() >= 502 && answer.status() <= 504) {
					sleep(Duration.ofSeconds(attempt));
					continue;
				}
				return answer;
			}
			catch (IOException ex) {
				lastFailure = ex;
				sleep(Duration.ofSeconds(attempt));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}
		throw new IllegalStateException(method + " " + this.base + path + " failed: " + lastFailure, lastFailure);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * An answer: its status and its body as JSON (a missing node when it is not JSON).
	 */
	record Response(int status, String text) {

		JsonNode body() {
			try {
				return (this.text == null || this.text.isBlank()) ? MissingNode.getInstance() : Json.read(this.text);
			}
			catch (RuntimeException ex) {
				return MissingNode.getInstance();
			}
		}

		/** The problem's {@code code}, or the status when there is none. */
		String code() {
			String code = body().path("code").asString("");
			return code.isEmpty() ? String.valueOf(this.status) : code;
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		IllegalStateException failure(String what) {
			return new IllegalStateException(what + ": HTTP " + this.status + " " + code() + " "
					+ body().path("detail").asString(abbreviate(this.text)));
		}

		private static String abbreviate(String text) {
			return (text == null) ? "" : (text.length() > 200) ? text.substring(0, 200) + "…" : text;
		}

	}

	static Map<String, Object> body(Object... keysAndValues) {
		java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
