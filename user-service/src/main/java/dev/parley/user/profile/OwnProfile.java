package dev.parley.user.profile;

import java.time.Instant;

/**
 * The signed-in user's own profile, e-mail included.
 */
public record OwnProfile(String id, String username, String displayName, String email, String bio, String avatarMediaId,
		Instant createdAt) {

}
