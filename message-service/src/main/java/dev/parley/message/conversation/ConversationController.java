package dev.parley.message.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

	private final Conversations conversations;

	ConversationController(Conversations conversations) {
		this.conversations = conversations;
	}

	@GetMapping
	Items list(@AuthenticationPrincipal Jwt jwt) {
		return new Items(this.conversations.list(me(jwt)));
	}

	@PostMapping("/direct")
	ResponseEntity<ConversationView> direct(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DirectRequest body) {
		Conversations.Created result = this.conversations.direct(me(jwt), body.userId(), jwt.getTokenValue());
		return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.conversation());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ConversationView createGroup(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody GroupRequest body) {
		return this.conversations.createGroup(me(jwt), body.title(), body.memberIds());
	}

	@GetMapping("/{id}")
	ConversationView get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return this.conversations.get(me(jwt), id);
	}

	@PatchMapping("/{id}")
	ConversationView change(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @RequestBody ChangeRequest body) {
		return this.conversations.change(me(jwt), id, body.title(), body.newMembersSeeHistory());
	}

	/**
	 * Mutes the conversation for the caller until {@code until}; {@code null} unmutes.
	 */
	@PutMapping("/{id}/mute")
	ConversationView mute(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @RequestBody MuteRequest body) {
		return this.conversations.mute(me(jwt), id, body.until());
	}

	@PostMapping("/{id}/members")
	ConversationView addMembers(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
			@Valid @RequestBody MembersRequest body) {
		return this.conversations.addMembers(me(jwt), id, body.userIds());
	}

	@DeleteMapping("/{id}/members/{userId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeMember(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID userId) {
		this.conversations.removeMember(me(jwt), id, userId);
	}

	/**
	 * Who is in the conversation, and its kind, for signaling-service to relay typing and
	 * place calls; refused like a send would be in a direct conversation across a block
	 * or an ended friendship.
	 */
	@GetMapping("/{id}/members")
	MemberIds members(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		Conversations.Audience audience = this.conversations.audience(id, me(jwt));
		return new MemberIds(id.toString(), audience.kind().name(),
				audience.memberIds().stream().map(UUID::toString).toList(),
				audience.blocks().stream().map((block) -> block.blocker() + ">" + block.blocked()).toList());
	}

	private static UUID me(Jwt jwt) {
		return UUID.fromString(jwt.getSubject());
	}

	record Items(List<ConversationView> items) {
	}

	record DirectRequest(@NotNull UUID userId) {
	}

	record GroupRequest(String title, @NotNull @Size(max = Conversations.MAX_MEMBERS) List<@NotNull UUID> memberIds) {
	}

	record ChangeRequest(String title, Boolean newMembersSeeHistory) {
	}

	record MuteRequest(java.time.Instant until) {
	}

	record MembersRequest(@NotNull @Size(min = 1, max = Conversations.MAX_MEMBERS) List<@NotNull UUID> userIds) {
	}

	/** {@code blocks}: {@code "<blocker>><blocked>"} among the members of a group. */
	record MemberIds(String conversationId, String kind, List<String> memberIds, List<String> blocks) {
	}

}
