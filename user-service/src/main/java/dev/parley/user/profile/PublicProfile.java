package dev.parley.user.profile;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.parley.platform.events.UserSummary;
import dev.parley.platform.media.MediaUrls;

/**
 * A person as others see them: never the e-mail. {@code relationship} and
 * {@code requestId} are from the viewer's side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicProfile(String id, String username, String displayName, String bio, String avatarMediaId,
		Instant createdAt, Relationship relationship, String requestId) {

	/** The same person seen after the viewer's relationship to them changed. */
	public PublicProfile with(Relationship relationship, String requestId) {
		return new PublicProfile(this.id, this.username, this.displayName, this.bio, this.avatarMediaId, this.createdAt,
				relationship, requestId);
	}

	/** Where clients fetch the profile photo (with their token), or {@code null}. */
	@JsonProperty(access = JsonProperty.Access.READ_ONLY)
	public String avatarUrl() {
		return MediaUrls.avatar(this.avatarMediaId);
	}

	public UserSummary summary() {
		return new UserSummary(this.id, this.username, this.displayName, this.avatarMediaId);
	}

}
