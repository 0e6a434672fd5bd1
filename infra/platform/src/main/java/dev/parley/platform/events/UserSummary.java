package dev.parley.platform.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.parley.platform.media.MediaUrls;

/**
 * How a person is shown to others in events (never their e-mail).
 */
public record UserSummary(String id, String username, String displayName, String avatarMediaId) {

	/** Where clients fetch the profile photo (with their token), or {@code null}. */
	@JsonProperty(access = JsonProperty.Access.READ_ONLY)
	public String avatarUrl() {
		return MediaUrls.avatar(this.avatarMediaId);
	}

}
