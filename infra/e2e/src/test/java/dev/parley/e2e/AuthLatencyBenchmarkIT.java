package dev.parley.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.parley.embedded.MailCatcher;
import dev.parley.testsupport.Latencies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the latency of sign-up verification and login through the gateway (the whole
 * path: gateway, auth-service, PostgreSQL, Redis, password hashing). A benchmark, not a
 * gate: it asserts only that every call succeeded.
 */
@ExtendWith(E2eSuite.class)
class AuthLatencyBenchmarkIT {

	static final int USERS = 12;

	static final int LOGINS = 60;

	final MailCatcher mail = E2eSuite.mail();

	final Accounts accounts = new Accounts(E2eSuite.gateway(), this.mail);

	@Test
	void measureVerifyAndLoginLatency() throws Exception {
		List<Long> verify = new ArrayList<>();
		List<String> usernames = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String id = UUID.randomUUID().toString().substring(0, 8);
			String email = "bench." + id + "@example.org";
			String username = "bench_" + id;
			HttpResponse<String> signup = post("/api/auth/signup", """
					{"email":"%s","username":"%s","displayName":"Bench","password":"correct horse battery"}"""
				.formatted(email, username));
			assertThat(signup.statusCode()).isEqualTo(202);
			String signupId = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree(signup.body())
				.get("signupId")
				.asString();
			String code = this.mail.awaitCode(email, 0, Duration.ofSeconds(15));
			long started = System.nanoTime();
			HttpResponse<String> verified = post("/api/auth/signup/verify",
					"{\"email\":\"%s\",\"code\":\"%s\",\"signupId\":\"%s\"}".formatted(email, code, signupId));
			verify.add(System.nanoTime() - started);
			assertThat(verified.statusCode()).isEqualTo(201);
			usernames.add(username);
		}
		List<Long> login = new ArrayList<>();
		for (int i = 0; i < LOGINS; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = post("/api/auth/login",
					"{\"login\":\"%s\",\"password\":\"correct horse battery\"}"
						.formatted(usernames.get(i % usernames.size())));
			login.add(System.nanoTime() - started);
			assertThat(response.statusCode()).isEqualTo(200);
		}
		System.out.println("BENCHMARK signup/verify through the gateway: " + Latencies.summary(verify));
		System.out.println("BENCHMARK login through the gateway: " + Latencies.summary(login));
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.accounts.post(path, json);
	}

}
