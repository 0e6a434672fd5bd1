package dev.parley.platform.media;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.web.ServiceClients;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Puts a person's uploads to use, with their own token, at media-service
 * ({@code POST /api/media/claims}): as the attachments of one message (signaling-service
 * for a socket send, message-service for a REST send) or as their profile photo
 * (user-service). media-service checks that the uploads are theirs, of the right kind,
 * and not used elsewhere; from then on they are kept, and it asks message-service who may
 * read an attachment.
 */
public class MediaClaims {

	private static final Logger log = LoggerFactory.getLogger(MediaClaims.class);

	private final RestClient mediaService;

	public MediaClaims(ServiceClients services) {
		this.mediaService = services.forService("media-service");
	}

	/**
	 * The uploads, claimed for the message {@code clientMessageId} in the conversation
	 * (again for a resend of it), described; {@code VALIDATION_FAILED} when one is not
	 * the sender's attachment to send, 503 when media-service cannot be reached.
	 */
	public List<Attachment> forMessage(String token, UUID conversationId, String clientMessageId,
			List<String> mediaIds) {
		if (mediaIds.isEmpty()) {
			return List.of();
		}
		Attachment[] claimed = claim(token, Map.of("as", "MESSAGE", "mediaIds", mediaIds, "conversationId",
				conversationId.toString(), "clientMessageId", clientMessageId), "attachmentIds");
		return Arrays.asList(claimed);
	}

	/** Makes the upload (or, for {@code null}, none) the person's profile photo. */
	public void asAvatar(String token, String mediaId) {
		claim(token, Map.of("as", "AVATAR", "mediaIds", (mediaId == null) ? List.of() : List.of(mediaId)),
				"avatarMediaId");
	}

	private Attachment[] claim(String token, Map<String, Object> claim, String field) {
		try {
			Attachment[] claimed = this.mediaService.post()
				.uri("/api/media/claims")
				.headers((headers) -> headers.setBearerAuth(token))
				.body(claim)
				.retrieve()
				.body(Attachment[].class);
			return (claimed != null) ? claimed : new Attachment[0];
		}
		catch (HttpClientErrorException ex) {
			String reason = switch (ex.getStatusCode().value()) {
				case 409 -> "That file was already sent in another message; attach it again.";
				case 400 -> "avatarMediaId".equals(field) ? "That upload is not a profile photo."
						: "That upload is not an attachment.";
				default -> "There is no such upload of yours.";
			};
			throw ApiException.invalid(field, reason);
		}
		catch (RestClientException ex) {
			log.warn("Could not claim uploads at media-service: {}", ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
					"Files cannot be attached right now. Try again shortly.")
				.with("retryAfterSeconds", 2);
		}
	}

}
