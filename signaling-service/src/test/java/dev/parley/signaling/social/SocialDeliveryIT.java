package dev.parley.signaling.social;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.EventEnvelope;
import dev.parley.platform.events.SocialEvents.FriendRequestSent;
import dev.parley.platform.events.SocialEvents.FriendshipRemoved;
import dev.parley.platform.events.SocialEvents.ProfileUpdated;
import dev.parley.platform.events.Topics;
import dev.parley.platform.events.UserSummary;
import dev.parley.signaling.presence.FriendDirectory;
import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Social events from Kafka reach the sockets of the people concerned, on every device, by
 * way of Redis pub/sub; nobody else gets them.
 */
@ParleyIntegrationTest
class SocialDeliveryIT {

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, String> kafka;

	final JsonMapper json = JsonMapper.builder().build();

	final TestTokens tokens = TestTokens.get();

	@Autowired
	FriendDirectory friends;

	@Test
	void aFriendRequestReachesEveryDeviceOfTheRecipientOnly() throws Exception {
		UserSummary ada = summary("ada");
		UserSummary bob = summary("bob");
		SocketClient bobPhone = SocketClient.connect(this.port, this.tokens.accessToken(bob.id()));
		SocketClient bobLaptop = SocketClient.connect(this.port, this.tokens.accessToken(bob.id()));
		SocketClient adaPhone = SocketClient.connect(this.port, this.tokens.accessToken(ada.id()));
		awaitSubscribed(bobPhone);

		String requestId = UUID.randomUUID().toString();
		publish(ada.id(), FriendRequestSent.TYPE, new FriendRequestSent(requestId, ada, bob, Instant.now()));

		for (SocketClient device : new SocketClient[] { bobPhone, bobLaptop }) {
			String frame = device.next(Duration.ofSeconds(20));
			assertThat(frame).contains("\"type\":\"friend.request\"")
				.contains("\"id\":\"" + requestId + "\"")
				.contains("\"username\":\"" + ada.username() + "\"")
				.contains("\"direction\":\"INCOMING\"");
		}
		assertThat(adaPhone.poll(Duration.ofMillis(500))).isNull();
	}

	@Test
	void anEndedFriendshipIsToldToBoth() throws Exception {
		UserSummary ada = summary("ada");
		UserSummary bob = summary("bob");
		SocketClient adaSocket = SocketClient.connect(this.port, this.tokens.accessToken(ada.id()));
		SocketClient bobSocket = SocketClient.connect(this.port, this.tokens.accessToken(bob.id()));
		awaitSubscribed(adaSocket);
		publish(ada.id(), FriendshipRemoved.TYPE, new FriendshipRemoved(ada.id(), bob.id()));
		assertThat(adaSocket.next(Duration.ofSeconds(20))).contains("\"type\":\"friend.removed\"")
			.contains("\"userId\":\"" + bob.id() + "\"");
		assertThat(bobSocket.next(Duration.ofSeconds(20))).contains("\"userId\":\"" + ada.id() + "\"");
	}

	@Test
	void aNewProfilePhotoReachesFriendsAndTheOwnersOtherDevicesOnly() throws Exception {
		UserSummary ada = summary("ada");
		UserSummary bob = summary("bob");
		UserSummary cy = summary("cy");
		SocketClient adaLaptop = SocketClient.connect(this.port, this.tokens.accessToken(ada.id()));
		SocketClient bobSocket = SocketClient.connect(this.port, this.tokens.accessToken(bob.id()));
		SocketClient cySocket = SocketClient.connect(this.port, this.tokens.accessToken(cy.id()));
		awaitSubscribed(bobSocket);
		awaitSubscribed(cySocket);
		awaitSubscribed(adaLaptop);
		// What a socket of Ada's learns from user-service when it opens (none runs here).
		this.friends.remember(ada.id(), List.of(bob.id()));
		String photo = UUID.randomUUID().toString();
		UserSummary changed = new UserSummary(ada.id(), ada.username(), "Ada L.", photo);
		publish(ada.id(), ProfileUpdated.TYPE, new ProfileUpdated(changed, "bio"));
		for (SocketClient socket : List.of(bobSocket, adaLaptop)) {
			String frame = socket.next(Duration.ofSeconds(20));
			assertThat(frame).contains("\"type\":\"friend.updated\"")
				.contains("\"displayName\":\"Ada L.\"")
				.contains("\"avatarUrl\":\"/api/media/" + photo + "/content?variant=avatar\"");
		}
		assertThat(cySocket.poll(Duration.ofMillis(500))).isNull();
	}

	private void publish(String key, String type, Object data) {
		EventEnvelope<Object> event = EventEnvelope.of(type, data);
		this.kafka.send(Topics.SOCIAL_EVENTS, key, this.json.writeValueAsString(event)).join();
	}

	/**
	 * A ping round trip: the socket is registered (and its Redis subscription requested).
	 */
	private static void awaitSubscribed(SocketClient client) throws InterruptedException {
		client.send("{\"type\":\"ping\",\"id\":\"sync\"}");
		assertThat(client.next()).contains("pong");
		await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
	}

	private static UserSummary summary(String name) {
		String id = UUID.randomUUID().toString();
		return new UserSummary(id, name + id.substring(0, 6), name.toUpperCase(), null);
	}

}
