package dev.parley.media.library;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.web.ServiceClients;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who may read an upload. Its owner always; anyone signed in an avatar in use; an
 * attachment whoever message-service says can read the message it was sent in, asked at
 * every read with the reader's own token, so that leaving a conversation, being removed
 * from it, or the message being deleted for everyone takes effect at once
 * (docs/media.md#who-may-read-what).
 */
@Component
class MediaAccess {

	private static final Logger log = LoggerFactory.getLogger(MediaAccess.class);

	private final RestClient messageService;

	MediaAccess(ServiceClients services) {
		this.messageService = services.forService("message-service");
	}

	boolean mayRead(Media media, UUID reader, String token) {
		if (media.ownerId().equals(reader)) {
			return true;
		}
		if (Media.AS_AVATAR.equals(media.attachedAs())) {
			return true;
		}
		if (!Media.AS_MESSAGE.equals(media.attachedAs())) {
			return false;
		}
		try {
			this.messageService.get()
				.uri("/api/conversations/{c}/attachments/{id}", media.conversationId(), media.id())
				.headers((headers) -> headers.setBearerAuth(token))
				.retrieve()
				.toBodilessEntity();
			return true;
		}
		catch (HttpClientErrorException ex) {
			return false;
		}
		catch (RestClientException ex) {
			log.warn("Could not ask message-service who may read {}: {}", media.id(), ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
					"Attachments cannot be checked right now. Try again shortly.")
				.with("retryAfterSeconds", 2);
		}
	}

}
