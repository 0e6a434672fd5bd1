package dev.parley.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.parley.embedded.MailCatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates real accounts through the gateway (sign-up, the mailed code, verification).
 */
final class Accounts {

	static final String PASSWORD = "correct horse battery";

	private final HttpClient http = HttpClient.newHttpClient();

	private final String gateway;

	private final MailCatcher mail;

	Accounts(String gateway, MailCatcher mail) {
		this.gateway = gateway;
		this.mail = mail;
	}

	User register(String prefix) throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		User user = new User(prefix + "." + id + "@example.org", prefix + "_" + id, prefix.toUpperCase() + " " + id);
		HttpResponse<String> signup = post("/api/auth/signup",
				"{\"email\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\",\"password\":\"%s\"}"
					.formatted(user.email(), user.username(), user.displayName(), PASSWORD));
		assertThat(signup.statusCode()).as(signup.body()).isEqualTo(202);
		String code = this.mail.awaitCode(user.email(), 0, Duration.ofSeconds(15));
		HttpResponse<String> verified = post("/api/auth/signup/verify",
				"{\"email\":\"%s\",\"code\":\"%s\"}".formatted(user.email(), code));
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(201);
		return user;
	}

	HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.gateway + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	record User(String email, String username, String displayName) {
	}

}
