package dev.parley.platform.events;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * A record a consumer cannot handle is tried a few times, then moved to
 * {@code <topic>.DLT} and logged, so one bad record never blocks its partition; then
 * every {@link DeadLetterListener} is told.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
public class DeadLetterConfiguration {

	/** Dead letters of topic {@code t} go to {@code t.DLT}. */
	public static final String DLT_SUFFIX = ".DLT";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

	@Bean
	@ConditionalOnBean(KafkaTemplate.class)
	CommonErrorHandler deadLetterErrorHandler(KafkaTemplate<String, String> kafka,
			ObjectProvider<DeadLetterListener> listeners) {
		// An explicit name (the library default changed across versions); any partition.
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1));
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			log.warn("Moving record {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
					record.offset(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
			recoverer.accept(record, ex);
			listeners.orderedStream().forEach((listener) -> {
				try {
					listener.deadLettered(record, ex);
				}
				catch (RuntimeException failure) {
					log.warn("A dead-letter listener failed: {}", failure.toString());
				}
			});
		}, new FixedBackOff(200, 2));
		return handler;
	}

}
