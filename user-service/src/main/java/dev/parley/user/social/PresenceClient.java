package dev.parley.user.social;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.web.ServiceClients;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who of the caller's friends is online: signaling-service keeps presence, and answers
 * for the caller's friends only (asked with the caller's token). When it cannot be
 * reached the friends list still answers, without presence.
 */
@Component
class PresenceClient {

	private static final Logger log = LoggerFactory.getLogger(PresenceClient.class);

	private final RestClient signaling;

	PresenceClient(ServiceClients services) {
		this.signaling = services.forService("signaling-service");
	}

	Map<String, Presence> of(List<String> userIds, String token) {
		if (userIds.isEmpty()) {
			return Map.of();
		}
		try {
			Items items = this.signaling.get()
				.uri((uri) -> uri.path("/api/presence").queryParam("userIds", String.join(",", userIds)).build())
				.headers((headers) -> headers.setBearerAuth(token))
				.retrieve()
				.body(Items.class);
			return (items != null)
					? items.items().stream().collect(Collectors.toMap(Presence::userId, Function.identity()))
					: Map.of();
		}
		catch (RestClientException ex) {
			log.warn("Presence is unavailable; friends are listed without it: {}", ex.getMessage());
			return Map.of();
		}
	}

	record Presence(String userId, boolean online, Instant lastSeenAt) {
	}

	record Items(List<Presence> items) {
	}

}
