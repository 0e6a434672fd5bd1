package dev.parley.platform.events;

/**
 * Kafka topic names: stable contract names, never derived from Java class names.
 */
public final class Topics {

	/** Account lifecycle events from auth-service, keyed by user id. */
	public static final String ACCOUNT_EVENTS = "parley.account-events";

	/**
	 * Friend requests, friendships, blocks and profile changes from user-service, keyed
	 * by user id.
	 */
	public static final String SOCIAL_EVENTS = "parley.social-events";

	/**
	 * What clients asked over the socket ({@code message.send}, {@code message.delete},
	 * {@code read}), from signaling-service to message-service, keyed by conversation id
	 * so one conversation's commands stay in order.
	 */
	public static final String MESSAGE_COMMANDS = "parley.message-commands";

	/**
	 * What happened in conversations and who must hear it, from message-service (through
	 * its outbox), keyed by conversation id.
	 */
	public static final String MESSAGE_EVENTS = "parley.message-events";

	private Topics() {
	}

}
