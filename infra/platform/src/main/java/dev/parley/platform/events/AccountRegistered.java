package dev.parley.platform.events;

/**
 * {@code account.registered}: an account was verified and is active. user-service creates
 * the profile from it.
 */
public record AccountRegistered(String userId, String email, String username, String displayName) {

	public static final String TYPE = "account.registered";

}
