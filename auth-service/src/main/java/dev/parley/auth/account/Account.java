package dev.parley.auth.account;

import java.util.UUID;

/**
 * An active account, as auth-service stores it. Never leaves the service: responses use
 * {@link UserView}.
 */
public record Account(UUID id, String email, String username, String displayName, String passwordHash) {

	public UserView view() {
		return new UserView(this.id.toString(), this.email, this.username, this.displayName);
	}

	/** The account as its owner sees it. */
	public record UserView(String id, String email, String username, String displayName) {
	}

}
