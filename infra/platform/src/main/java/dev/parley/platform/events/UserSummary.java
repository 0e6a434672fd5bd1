package dev.parley.platform.events;

/**
 * How a person is shown to others in events (never their e-mail).
 */
public record UserSummary(String id, String username, String displayName, String avatarMediaId) {

}
