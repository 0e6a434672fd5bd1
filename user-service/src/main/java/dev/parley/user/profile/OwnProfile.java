package dev.parley.user.profile;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.parley.platform.events.UserSummary;
import dev.parley.platform.media.MediaUrls;

/**
 * The signed-in user's own profile, e-mail included.
 */
record OwnProfile(String id, String username, String displayName, String email, String bio, String avatarMediaId,
		Instant createdAt) {

	/** How others are told about this person (no e-mail). */
	/** Where clients fetch the profile photo (with their token), or {@code null}. */
	@JsonProperty(access = JsonProperty.Access.READ_ONLY)
	public String avatarUrl() {
		return MediaUrls.avatar(this.avatarMediaId);
	}

	public UserSummary summary() {
		return new UserSummary(this.id, this.username, this.displayName, this.avatarMediaId);
	}

}
