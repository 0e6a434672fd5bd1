package dev.parley.message.message;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import dev.parley.message.conversation.MessageView;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.media.Attachment;
import dev.parley.platform.media.MediaClaims;
import dev.parley.platform.protocol.ServerData;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/conversations/{conversationId}")
class MessageController {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 100;

	private final Messages messages;

	private final MediaClaims media;

	MessageController(Messages messages, MediaClaims media) {
		this.messages = messages;
		this.media = media;
	}

	@GetMapping("/messages")
	Messages.Page history(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
			@RequestParam(required = false) UUID before, @RequestParam(required = false) UUID after,
			@RequestParam(required = false) Long afterSeq, @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.invalid("limit", "The limit is 1 to " + MAX_LIMIT + ".");
		}
		long cursors = java.util.stream.Stream.of(before, after, afterSeq).filter(java.util.Objects::nonNull).count();
		if (cursors > 1) {
			throw ApiException.invalid("before", "Give at most one of before, after and afterSeq.");
		}
		Messages.Cursor cursor = (before != null) ? new Messages.Cursor.Before(before) : (after != null)
				? new Messages.Cursor.After(after)
				: (afterSeq != null) ? new Messages.Cursor.ChangedAfter(afterSeq) : new Messages.Cursor.Latest();
		return this.messages.history(me(jwt), conversationId, cursor, limit);
	}

	@PostMapping("/messages")
	ResponseEntity<MessageView> send(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
			@Valid @RequestBody SendRequest body) {
		List<String> attachmentIds = MessageText.attachmentIds(body.attachmentIds());
		List<Attachment> attachments = attachmentIds.isEmpty() ? List.of() : this.media.forMessage(jwt.getTokenValue(),
				conversationId, MessageText.clientMessageId(body.clientMessageId()), attachmentIds);
		Messages.Sent sent = this.messages.send(me(jwt), conversationId, body.clientMessageId(), body.text(),
				attachments, body.replyToId(), null);
		return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
	}

	/** The sender changes the text (within the edit window). */
	@PatchMapping("/messages/{messageId}")
	MessageView edit(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId, @PathVariable UUID messageId,
			@RequestBody EditRequest body) {
		return this.messages.edit(me(jwt), conversationId, messageId, body.text(), null);
	}

	/** Reacts with an emoji (again: nothing changes); the message's reactions now. */
	@PutMapping("/messages/{messageId}/reactions/{emoji}")
	ServerData.ReactionUpdated react(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
			@PathVariable UUID messageId, @PathVariable String emoji) {
		return this.messages.react(me(jwt), conversationId, messageId, emoji, true, null);
	}

	/** Takes one's reaction back (none: nothing changes); the message's reactions now. */
	@DeleteMapping("/messages/{messageId}/reactions/{emoji}")
	ServerData.ReactionUpdated unreact(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
			@PathVariable UUID messageId, @PathVariable String emoji) {
		return this.messages.react(me(jwt), conversationId, messageId, emoji, false, null);
	}

	/**
	 * 204 when the caller can read a message here that carries the upload, else 404
	 * (media-service asks before it serves an attachment).
	 */
	@GetMapping("/attachments/{mediaId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void attachment(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId, @PathVariable String mediaId) {
		this.messages.requireAttachmentReader(me(jwt), conversationId, mediaId);
	}

	@DeleteMapping("/messages/{messageId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId, @PathVariable UUID messageId,
			@RequestParam(defaultValue = "me") String scope) {
		this.messages.delete(me(jwt), conversationId, messageId, scope, null);
	}

	@DeleteMapping("/messages")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clear(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
		this.messages.clear(me(jwt), conversationId);
	}

	@PostMapping("/read")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
			@Valid @RequestBody ReadRequest body) {
		this.messages.read(me(jwt), conversationId, body.messageId(), null);
	}

	private static UUID me(Jwt jwt) {
		return UUID.fromString(jwt.getSubject());
	}

	record SendRequest(String clientMessageId, String text, List<String> attachmentIds, UUID replyToId) {
	}

	record EditRequest(String text) {
	}

	record ReadRequest(@NotNull UUID messageId) {
	}

}
