package dev.parley.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM's shared infrastructure is real: SQL on PostgreSQL, pub/sub on Redis, and a
 * produce/consume round trip through Kafka, over real connections.
 */
class SharedInfrastructureIT {

	final Infrastructure infra = SharedInfrastructure.get();

	@Test
	void startsOncePerJvm() {
		assertThat(SharedInfrastructure.get()).isSameAs(this.infra);
	}

	@Test
	void postgresStoresAndReadsRowsInTheParleyDatabase() throws Exception {
		try (Connection connection = DriverManager.getConnection(this.infra.jdbcUrl(), this.infra.dbUser(),
				this.infra.dbPassword()); Statement statement = connection.createStatement()) {
			statement.execute("create schema if not exists probe");
			statement.execute("create table if not exists probe.item (id text primary key)");
			statement.execute("insert into probe.item values ('a') on conflict do nothing");
			try (ResultSet rs = statement.executeQuery("select current_database(), count(*) from probe.item")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("parley");
				assertThat(rs.getLong(2)).isEqualTo(1);
			}
		}
	}

	@Test
	void redisDeliversPublishedMessagesToSubscribers() throws Exception {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.infra.redisHost(), this.infra.redisPort()));
		factory.afterPropertiesSet();
		factory.start();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(factory);
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		container.addMessageListener((message, pattern) -> received.add(new String(message.getBody())),
				new ChannelTopic("probe"));
		container.afterPropertiesSet();
		container.start();
		try {
			StringRedisTemplate redis = new StringRedisTemplate(factory);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			String got = null;
			while (got == null && System.nanoTime() < deadline) {
				redis.convertAndSend("probe", "hello");
				got = received.poll(200, TimeUnit.MILLISECONDS);
			}
			assertThat(got).isEqualTo("hello");
		}
		finally {
			container.stop();
			container.destroy();
			factory.destroy();
		}
	}

	@Test
	void kafkaRoundTripsARecordInOrderWithItsKey() {
		String topic = "probe-" + UUID.randomUUID();
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.infra.kafkaBootstrap(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
			producer.send(new ProducerRecord<>(topic, "k", "first"));
			producer.send(new ProducerRecord<>(topic, "k", "second"));
			producer.flush();
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.infra.kafkaBootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "probe",
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
			consumer.subscribe(List.of(topic));
			List<String> values = new java.util.ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < 2 && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
				records.forEach((r) -> values.add(r.key() + "=" + r.value()));
			}
			assertThat(values).containsExactly("k=first", "k=second");
		}
	}

}
