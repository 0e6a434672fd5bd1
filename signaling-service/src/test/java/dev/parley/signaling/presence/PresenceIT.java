package dev.parley.signaling.presence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.testsupport.ParleyIntegrationTest;
import dev.parley.testsupport.SocketClient;
import dev.parley.testsupport.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Presence across sockets and nodes, in real Redis. */
@ParleyIntegrationTest
@TestPropertySource(properties = "parley.presence.node-ttl=3s")
class PresenceIT {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	FriendDirectory friends;

	@Test
	void friendsSeeSomeoneComeOnlineOnTheirFirstDeviceAndGoOfflineAfterTheirLast() throws Exception {
		Trio people = friendsAndAStranger();
		String ada = people.ada();
		String bo = people.bo();
		String stranger = people.stranger();
		SocketClient boSocket = connect(bo);
		SocketClient strangerSocket = connect(stranger);
		JsonNode adaBefore = boSocket.expect("presence", (f) -> f.at("/data/userId").asString().equals(ada));
		assertThat(adaBefore.at("/data/online").asBoolean()).isFalse();

		SocketClient adaPhone = connect(ada);
		assertThat(boSocket.expect("presence", (f) -> f.at("/data/userId").asString().equals(ada))
			.at("/data/online")
			.asBoolean()).isTrue();
		JsonNode snapshot = adaPhone.expect("presence", (f) -> f.at("/data/userId").asString().equals(bo));
		assertThat(snapshot.at("/data/online").asBoolean()).as("a new socket learns its friends' presence").isTrue();

		SocketClient adaLaptop = connect(ada);
		adaPhone.close();
		boSocket.expectNone("presence", Duration.ofSeconds(1));
		Instant beforeLeaving = Instant.now();
		adaLaptop.close();
		JsonNode offline = boSocket.expect("presence", (f) -> f.at("/data/userId").asString().equals(ada));
		assertThat(offline.at("/data/online").asBoolean()).isFalse();
		assertThat(Instant.parse(offline.at("/data/lastSeenAt").asString()))
			.isAfterOrEqualTo(beforeLeaving.minusSeconds(1));
		strangerSocket.expectNone("presence", Duration.ofMillis(300));
	}

	@Test
	void theUsersOfANodeThatDiedGoOfflineWhenItsClaimsExpire() throws Exception {
		String bo = UUID.randomUUID().toString();
		String cy = UUID.randomUUID().toString();
		this.friends.remember(bo, List.of(cy));
		this.friends.remember(cy, List.of(bo));
		// What a replica that crashed leaves behind: Cy online through a claim nobody
		// renews.
		long expires = Instant.now().plusSeconds(1).toEpochMilli();
		this.redis.opsForZSet().add(PresenceRegistry.PREFIX + cy, "crashed-node", expires);
		this.redis.opsForZSet().add(PresenceRegistry.ONLINE, cy, expires);
		SocketClient boSocket = connect(bo);
		assertThat(boSocket.expect("presence", (f) -> f.at("/data/userId").asString().equals(cy))
			.at("/data/online")
			.asBoolean()).isTrue();

		JsonNode offline = boSocket.expect("presence",
				(f) -> f.at("/data/userId").asString().equals(cy) && !f.at("/data/online").asBoolean());
		assertThat(Instant.parse(offline.at("/data/lastSeenAt").asString())).isBefore(Instant.now());
		assertThat(this.redis.opsForZSet().score(PresenceRegistry.ONLINE, cy)).isNull();
	}

	@Test
	void theHttpViewShowsOnlyTheCallersFriends() throws Exception {
		Trio people = friendsAndAStranger();
		String ada = people.ada();
		String bo = people.bo();
		String stranger = people.stranger();
		connect(bo);
		connect(stranger);
		var response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create("http://127.0.0.1:" + this.port + "/api/presence?userIds=" + bo + "," + stranger))
				.header("Authorization", "Bearer " + TestTokens.get().accessToken(ada))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode items = JsonMapper.builder().build().readTree(response.body()).get("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("userId").asString()).isEqualTo(bo);
		assertThat(items.get(0).get("online").asBoolean()).isTrue();
	}

	private SocketClient connect(String userId) throws InterruptedException {
		SocketClient client = SocketClient.connect(this.port, TestTokens.get().accessToken(userId));
		client.send("{\"type\":\"ping\",\"id\":\"sync\"}");
		client.expect("pong");
		return client;
	}

	/** Ada and Bo are friends; the stranger is nobody's. */
	private Trio friendsAndAStranger() {
		Trio people = new Trio(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		this.friends.remember(people.ada(), List.of(people.bo()));
		this.friends.remember(people.bo(), List.of(people.ada()));
		this.friends.remember(people.stranger(), List.of());
		return people;
	}

	record Trio(String ada, String bo, String stranger) {
	}

}
