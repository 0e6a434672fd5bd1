package dev.parley.platform.events;

import java.time.Duration;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * For services that use Kafka: their consumers in the readiness
 * ({@link ConsumerReadiness}), {@link EventCatchUp}, {@link TimedCommits} for the
 * listeners on the message path, and {@link EventTracing} for traces across topics.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaAdmin.class)
public class ConsumersConfiguration {

	/** How long a request waits at most for its service to catch up with a topic. */
	static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

	@Bean
	ConsumerReadiness kafkaConsumersHealthIndicator(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
		return new ConsumerReadiness(registry);
	}

	@Bean
	EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer found = tracer.getIfAvailable();
		Propagator foundPropagator = propagator.getIfAvailable();
		return (found != null && foundPropagator != null) ? new EventTracing(found, foundPropagator)
				: EventTracing.none();
	}

	@Bean(TimedCommits.BEAN)
	TimedCommits timedCommits(Environment environment) {
		return new TimedCommits(
				environment.getProperty("parley.kafka.commit-interval", Duration.class, Duration.ofMillis(200)));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty("spring.kafka.consumer.group-id")
	EventCatchUp eventCatchUp(KafkaAdmin kafka, Environment environment) {
		return new EventCatchUp(Admin.create(kafka.getConfigurationProperties()),
				environment.getRequiredProperty("spring.kafka.consumer.group-id"), CATCH_UP_TIMEOUT);
	}

}
