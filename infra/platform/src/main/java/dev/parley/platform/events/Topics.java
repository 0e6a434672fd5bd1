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

	private Topics() {
	}

}
