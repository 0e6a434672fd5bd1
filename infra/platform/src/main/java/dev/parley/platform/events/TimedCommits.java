package dev.parley.platform.events;

import java.time.Duration;

import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * For a listener on the message path ({@code @KafkaListener(containerPostProcessor =
 * TimedCommits.BEAN)}): its offsets are committed at most every {@code interval} instead
 * of after every poll. Under load a poll brings a handful of records, so a commit per
 * poll was a broker request, an append to {@code __consumer_offsets} and a blocked
 * consumer thread for every few messages. What it costs: after a crash (not a rebalance,
 * which commits first) up to {@code interval} of records are read again, which the
 * message path already tolerates (commands are idempotent by {@code clientMessageId},
 * clients keep one copy of each message id).
 */
public class TimedCommits
		implements ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> {

	/** The bean's name, for {@code @KafkaListener(containerPostProcessor = ...)}. */
	public static final String BEAN = "timedCommits";

	private final Duration interval;

	public TimedCommits(Duration interval) {
		this.interval = interval;
	}

	@Override
	public void postProcess(AbstractMessageListenerContainer<Object, Object> container) {
		container.getContainerProperties().setAckMode(AckMode.TIME);
		container.getContainerProperties().setAckTime(this.interval.toMillis());
	}

}
