package dev.parley.signaling.messaging;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventTracing;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker that is away fails the command's future (which the socket turns into
 * {@code UNAVAILABLE}); nothing is thrown on the socket's thread.
 */
class MessageCommandSenderTest {

	@Test
	void aBrokerThatIsAwayFailsTheFutureInsteadOfThrowingOnTheCallersThread() {
		// Nothing listens on port 1: the producer never gets the topic's metadata.
		DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		try {
			MessageCommandSender sender = new MessageCommandSender(new KafkaTemplate<>(producers),
					JsonMapper.builder().build(), EventTracing.none());
			CompletableFuture<?> sent = sender.send(UUID.randomUUID().toString(), "message.send", Map.of("text", "hi"));
			assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
			assertThat(sent).isCompletedExceptionally();
		}
		finally {
			producers.destroy();
		}
	}

}
