package dev.parley.platform.outbox;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventTracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox for services that have both a database and Kafka and switch it on with
 * {@code parley.outbox.enabled=true} (their migrations create the table).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnClass({ JdbcClient.class, KafkaTemplate.class })
@ConditionalOnProperty(name = "parley.outbox.enabled", havingValue = "true")
public class OutboxConfiguration {

	@Bean
	@ConditionalOnBean({ JdbcClient.class, KafkaTemplate.class })
	OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka,
			PlatformTransactionManager transactionManager) {
		return new OutboxRelay(jdbc, kafka, new TransactionTemplate(transactionManager), Duration.ofSeconds(1));
	}

	/**
	 * Events written but not yet on Kafka, in this service's schema (every replica
	 * reports the same count). A growing backlog means Kafka is away or the relay is
	 * stuck. Read from the ends of the primary key (two index lookups, not a scan of a
	 * table that grows while Kafka is away); sends that rolled back leave gaps, so it may
	 * count a few more than there are.
	 */
	@Bean
	@ConditionalOnBean(OutboxRelay.class)
	MeterBinder outboxBacklog(JdbcClient jdbc) {
		return (meters) -> Gauge.builder("parley.outbox.backlog",
				() -> jdbc.sql("select coalesce(max(seq) - min(seq) + 1, 0) from outbox").query(Long.class).single())
			.description("Events in the outbox, not yet relayed to Kafka")
			.register(meters);
	}

	@Bean
	@ConditionalOnBean(OutboxRelay.class)
	Outbox outbox(JdbcClient jdbc, JsonMapper json, ObjectProvider<Clock> clock, OutboxRelay relay,
			ObjectProvider<EventTracing> tracing) {
		return new Outbox(jdbc, json, clock.getIfAvailable(Clock::systemUTC), relay::nudge,
				tracing.getIfAvailable(EventTracing::none));
	}

}
