package dev.parley.user.profile;

import java.time.Instant;

import dev.parley.platform.events.UserSummary;

/**
 * The signed-in user's own profile, e-mail included.
 */
record OwnProfile(String id, String username, String displayName, String email, String bio, String avatarMediaId,
		Instant createdAt) {

	/** How others are told about this person (no e-mail). */
	public UserSummary summary() {
		return new UserSummary(this.id, this.username, this.displayName, this.avatarMediaId);
	}

}
