package dev.parley.message.social;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.web.ServiceClients;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Whether two people are friends, for opening a direct conversation. The copy in
 * {@link SocialGraph} trails user-service by the time an event takes to arrive, so
 * someone who clicks "Message" right after accepting a request would be refused: when the
 * copy says no, user-service (the source of truth) is asked with the caller's token, and
 * a yes is written into the copy.
 */
@Component
public class FriendshipCheck {

	private static final Logger log = LoggerFactory.getLogger(FriendshipCheck.class);

	private final SocialGraph graph;

	private final RestClient userService;

	FriendshipCheck(SocialGraph graph, ServiceClients services) {
		this.graph = graph;
		this.userService = services.forService("user-service");
	}

	public boolean areFriends(UUID me, UUID other, String token) {
		if (this.graph.areFriends(me, other)) {
			return true;
		}
		if (token == null) {
			return false;
		}
		Instant asked = Instant.now();
		try {
			Person person = this.userService.get()
				.uri("/api/users/{id}", other)
				.headers((headers) -> headers.setBearerAuth(token))
				.retrieve()
				.body(Person.class);
			if (person != null && "FRIEND".equals(person.relationship())) {
				// An unfriending after this moment has a later event time and still wins.
				this.graph.setFriends(me, other, true, asked);
				return true;
			}
		}
		catch (RestClientException ex) {
			log.warn("Could not confirm a friendship with user-service: {}", ex.getMessage());
		}
		return false;
	}

	record Person(String id, String relationship) {
	}

}
