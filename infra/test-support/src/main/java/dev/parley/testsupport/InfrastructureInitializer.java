package dev.parley.testsupport;

import java.util.Map;

import dev.parley.embedded.Infrastructure;
import dev.parley.embedded.SharedInfrastructure;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test's application context at the JVM's shared PostgreSQL, Redis and Kafka and
 * at the test token issuer; no service registry in service-level tests.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Infrastructure infrastructure = SharedInfrastructure.get();
		TestPropertyValues.of(infrastructure.springProperties())
			.and(Map.of("parley.security.jwks-uri", TestTokens.get().jwksUri(), "eureka.client.enabled", "false",
					"spring.kafka.consumer.auto-offset-reset", "earliest"))
			.applyTo(context);
	}

}
