package dev.parley.auth;

import dev.parley.embedded.MailCatcher;
import dev.parley.embedded.Ports;
import dev.parley.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * auth-service on a random port against real PostgreSQL, Redis, Kafka and a real SMTP
 * server whose mails the tests read.
 */
public abstract class AuthServiceIntegrationTest extends ServiceIntegrationTest {

	protected static final MailCatcher mail = MailCatcher.start(Ports.free());

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> Ports.LOOPBACK);
		registry.add("spring.mail.port", mail::port);
	}

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected StringRedisTemplate redis;

	protected AuthApi api;

	@BeforeEach
	void client() {
		this.api = new AuthApi(this.http, mail);
		// Every test comes from 127.0.0.1: start each with clean failure counts.
		this.redis.delete(this.redis.keys("auth:fail:*"));
		this.redis.delete(this.redis.keys("auth:lock:*"));
	}

	/**
	 * Lets the next code for the e-mail be sent at once (as if the cooldown had passed).
	 */
	protected void skipCooldown(String email, String purpose) {
		this.redis.delete("auth:otp:" + purpose + ":" + email.toLowerCase() + ":cooldown");
	}

}
