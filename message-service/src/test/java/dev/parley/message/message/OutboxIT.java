package dev.parley.message.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.parley.message.MessageServiceIntegrationTest;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.outbox.OutboxRelay;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message committed while nothing relays the outbox (the service died between commit
 * and publish) is published once the relay runs again: no event is lost. Two replicas
 * relaying one outbox at once keep a conversation's events in order, and one that waited
 * for the other's turn relays at once what was committed meanwhile.
 */
class OutboxIT extends MessageServiceIntegrationTest {

	@Autowired
	OutboxRelay relay;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void messagesCommittedWhileTheRelayIsDownArePublishedWhenItComesBack() {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		this.relay.stop();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(send(ada, id, "while down " + i).status()).isEqualTo(201);
			}
			assertThat(count("select count(*) from outbox where event_key = '" + id + "'")).isGreaterThanOrEqualTo(5);
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> events().stream()
					.noneMatch((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED)));
		}
		finally {
			this.relay.start();
		}
		awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED)
				&& e.data()
					.get("deliveries")
					.get(0)
					.get("data")
					.get("message")
					.get("text")
					.asString()
					.equals("while down 4"));
		assertThat(events().stream()
			.filter((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED))
			.map((e) -> e.data().get("deliveries").get(0).get("data").get("message").get("text").asString()))
			.containsExactly("while down 0", "while down 1", "while down 2", "while down 3", "while down 4");
		assertThat(count("select count(*) from outbox where event_key = '" + id + "'")).isZero();
	}

	@Test
	void twoReplicasRelayingAtOncePublishAConversationsEventsInOrder() throws Exception {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		int messages = 350;
		this.relay.stop();
		OutboxRelay otherReplica = new OutboxRelay(this.jdbc, this.kafka,
				new TransactionTemplate(this.transactionManager), Duration.ofSeconds(1));
		try {
			for (int i = 0; i < messages; i++) {
				assertThat(send(ada, id, "m" + i).status()).isEqualTo(201);
			}
			try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> passes = new ArrayList<>();
				for (OutboxRelay replica : List.of(this.relay, otherReplica)) {
					passes.add(replicas.submit(() -> {
						go.await();
						int sent = 0;
						for (int pass = 0; pass < 20; pass++) {
							sent += replica.drain();
						}
						return sent;
					}));
				}
				go.countDown();
				int sent = 0;
				for (Future<Integer> pass : passes) {
					sent += pass.get(60, TimeUnit.SECONDS);
				}
				assertThat(sent).isGreaterThanOrEqualTo(messages);
			}
		}
		finally {
			this.relay.start();
		}
		List<String> expected = IntStream.range(0, messages).mapToObj((i) -> "m" + i).toList();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(events().stream()
				.filter((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED))
				.map((e) -> e.data().get("deliveries").get(0).get("data").get("message").get("text").asString()))
				.containsExactlyElementsOf(expected));
	}

	@Test
	void aReplicaWhoseTurnComesAfterAnothersRelaysWhatWasCommittedMeanwhileWithoutWaitingForItsTimer()
			throws Exception {
		Person ada = person("Ada");
		Person bo = friendOf(ada, "Bo");
		String id = direct(ada, bo);
		this.relay.stop();
		// Not started: no timer, only the pass this test asks for.
		OutboxRelay waiting = new OutboxRelay(this.jdbc, this.kafka, new TransactionTemplate(this.transactionManager),
				Duration.ofHours(1));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
			// Another replica's pass holds the turn.
			Future<?> other = replicas
				.submit(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((tx) -> {
					this.jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
						.query((rs, n) -> n)
						.list();
					holding.countDown();
					try {
						release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}));
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(send(ada, id, "during the other's turn").status()).isEqualTo(201);
			// This replica's pass (the one its commit asks for) meets the other's turn.
			Future<Integer> pass = replicas.submit(waiting::drain);
			await().atMost(Duration.ofSeconds(4))
				.until(() -> count("select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0);
			release.countDown();
			other.get(10, TimeUnit.SECONDS);
			assertThat(pass.get(10, TimeUnit.SECONDS)).as("rows relayed by the pass that waited")
				.isGreaterThanOrEqualTo(1);
			awaitEvent((e) -> e.key().equals(id) && e.type().equals(MessageEvents.MESSAGE_CREATED));
		}
		finally {
			release.countDown();
			this.relay.start();
		}
	}

}
