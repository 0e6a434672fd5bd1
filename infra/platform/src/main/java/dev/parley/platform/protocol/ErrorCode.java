package dev.parley.platform.protocol;

import java.util.Optional;

/**
 * The codes of the socket's {@code error} frame. A retryable error may succeed if the
 * same frame is sent again later (after {@code retryAfterMs} where the frame gives one);
 * the others will fail the same way until something else changes. The same codes appear
 * in problem+json answers where the REST API refuses the same thing.
 */
public enum ErrorCode {

	/** Not one JSON object, or no {@code type}. */
	BAD_FRAME(false),

	/** A {@code type} nothing handles. */
	UNKNOWN_TYPE(false),

	/** The socket's budget for this kind of frame is spent; nothing was done. */
	RATE_LIMITED(true),

	/** {@code data} breaks the frame's rules; the message names the field. */
	VALIDATION_FAILED(false),

	/** No valid token: authenticate first, or the {@code auth} frame's token is bad. */
	UNAUTHENTICATED(false),

	/** The token belongs to another user than the socket's. */
	FORBIDDEN(false),

	/** Something this needs is away or busy right now (Kafka, message-service, keys). */
	UNAVAILABLE(true),

	/**
	 * An unexpected failure on the server's side (logged there): a bug, which sending the
	 * same frame again would most likely meet again (as gRPC's INTERNAL, not retryable).
	 */
	INTERNAL_ERROR(false),

	CONVERSATION_NOT_FOUND(false),

	NOT_A_MEMBER(false),

	NOT_FRIENDS(false),

	BLOCKED(false),

	CLIENT_MESSAGE_ID_REUSED(false),

	MESSAGE_NOT_FOUND(false),

	/**
	 * Deleting for everyone a message that is neither one's own nor in a group one runs.
	 */
	NOT_SENDER(false),

	/** Editing a message after the edit window (24 h by default) closed. */
	EDIT_WINDOW_CLOSED(false),

	/** Editing or reacting to a message deleted for everyone. */
	MESSAGE_DELETED(false),

	/** Editing what has no text to edit: a call's record. */
	NOT_EDITABLE(false),

	/** One person's reactions to one message are limited (20 emoji). */
	REACTION_LIMIT(false),

	/** A one-to-one call named a callee in a group conversation. */
	NOT_DIRECT(false),

	CALL_NOT_FOUND(false),

	NOT_IN_CALL(false),

	CALL_EXISTS(false),

	ALREADY_IN_CALL(false),

	NOT_CALLEE(false),

	NOT_CALLER(false),

	CALL_NOT_RINGING(false),

	CALL_NOT_ACTIVE(false),

	CALL_ENDED(false),

	ANSWERED_ELSEWHERE(false),

	/** A group call already has as many participants as it may. */
	CALL_FULL(false),

	/** The group already has a call going on: join it instead. */
	CALL_IN_PROGRESS(false);

	private final boolean retryable;

	ErrorCode(boolean retryable) {
		this.retryable = retryable;
	}

	public boolean retryable() {
		return this.retryable;
	}

	/** The code of this name, if the protocol has one. */
	public static Optional<ErrorCode> of(String name) {
		for (ErrorCode code : values()) {
			if (code.name().equals(name)) {
				return Optional.of(code);
			}
		}
		return Optional.empty();
	}

}
