package dev.parley.platform;

import dev.parley.testsupport.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A servlet service made of the platform alone ({@link PlatformTestApplication}), on a
 * free port, verifying tokens against {@link TestTokens}' key set. A test adds its own
 * settings with {@code @TestPropertySource}.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=probe-service", "eureka.client.enabled=false",
				// Redis is on the platform's class path for the apps that use it, not for
				// this one.
				"management.health.redis.enabled=false",
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
abstract class ProbeServiceTest {

	static final TestTokens tokens = TestTokens.get();

	@DynamicPropertySource
	static void jwks(DynamicPropertyRegistry registry) {
		registry.add("parley.security.jwks-uri", tokens::jwksUri);
	}

	@LocalServerPort
	int port;

}
