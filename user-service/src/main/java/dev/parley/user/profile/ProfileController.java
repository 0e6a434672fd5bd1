package dev.parley.user.profile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.platform.error.ApiException;
import dev.parley.platform.text.Names;
import dev.parley.platform.events.SocialEvents.ProfileUpdated;
import dev.parley.platform.events.Topics;
import dev.parley.platform.media.MediaClaims;
import dev.parley.platform.outbox.Outbox;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class ProfileController {

	private final ProfileRepository profiles;

	private final AccountCatchUp people;

	private final Outbox outbox;

	private final MediaClaims media;

	ProfileController(ProfileRepository profiles, AccountCatchUp people, Outbox outbox, MediaClaims media) {
		this.profiles = profiles;
		this.people = people;
		this.outbox = outbox;
		this.media = media;
	}

	@GetMapping("/me")
	OwnProfile me(@AuthenticationPrincipal Jwt jwt) {
		return own(UUID.fromString(jwt.getSubject()));
	}

	@PatchMapping("/me")
	@Transactional
	OwnProfile update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ProfileChange change) {
		UUID me = UUID.fromString(jwt.getSubject());
		// A profile made a moment ago may not be here yet: catch up first, or nothing
		// would be updated.
		own(me);
		String displayName = Names.neutralize(change.displayName());
		if (displayName != null && displayName.isEmpty()) {
			throw ApiException.invalid("displayName", "must not be blank");
		}
		String avatar = change.avatarMediaId();
		if (avatar != null) {
			// media-service checks it is the caller's own photo, keeps it, and lets
			// everyone see it (and forgets the former one).
			this.media.asAvatar(jwt.getTokenValue(), avatar.isBlank() ? null : avatar);
			avatar = avatar.strip();
		}
		this.profiles.update(me, displayName, change.bio(), avatar);
		OwnProfile updated = own(me);
		this.outbox.publish(Topics.SOCIAL_EVENTS, updated.id(), ProfileUpdated.TYPE,
				new ProfileUpdated(updated.summary(), updated.bio()));
		return updated;
	}

	@GetMapping("/{id}")
	PublicProfile person(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return this.people.find(() -> this.profiles.findPublic(UUID.fromString(jwt.getSubject()), id))
			.orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "There is no such person."));
	}

	@GetMapping
	SearchPage search(@AuthenticationPrincipal Jwt jwt, @RequestParam @NotBlank @Size(max = 100) String q,
			@RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
			@RequestParam(required = false) String cursor) {
		String after = decode(cursor);
		List<PublicProfile> found = (after == null)
				? this.people.search(() -> this.profiles.search(UUID.fromString(jwt.getSubject()), q, null, limit + 1))
				: this.profiles.search(UUID.fromString(jwt.getSubject()), q, after, limit + 1);
		boolean more = found.size() > limit;
		List<PublicProfile> items = more ? found.subList(0, limit) : found;
		return new SearchPage(items, more ? encode(SearchKeys.of(items.getLast().username())) : null);
	}

	private OwnProfile own(UUID me) {
		return this.people.find(() -> this.profiles.findOwn(me))
			.orElseThrow(() -> ApiException.notFound("PROFILE_NOT_FOUND",
					"Your profile is not ready yet. Try again in a moment."));
	}

	private static String encode(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest("BAD_CURSOR", "The cursor is not one this server gave out.");
		}
	}

	record ProfileChange(
			@Size(min = 1, max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*\\S[^\\p{Cntrl}]*",
					message = "must not be blank or contain control characters") String displayName,
			@Size(max = 500) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
					message = "must not contain control characters other than line breaks and tabs") String bio,
			@Size(max = 64) String avatarMediaId) {
	}

	record SearchPage(List<PublicProfile> items, String nextCursor) {
	}

}
