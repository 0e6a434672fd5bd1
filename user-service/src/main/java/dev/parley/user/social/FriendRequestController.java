package dev.parley.user.social;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/friend-requests")
class FriendRequestController {

	private final FriendRequests requests;

	FriendRequestController(FriendRequests requests) {
		this.requests = requests;
	}

	/** 201 with a pending request, or 200 when it accepted the other person's request. */
	@PostMapping
	ResponseEntity<FriendRequests.RequestView> send(@AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody SendRequest request) {
		FriendRequests.RequestView view = this.requests.send(me(jwt), request.userId());
		return ResponseEntity.status("ACCEPTED".equals(view.status()) ? HttpStatus.OK : HttpStatus.CREATED).body(view);
	}

	@GetMapping
	Items list(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "incoming") Direction direction) {
		return new Items(this.requests.pending(me(jwt), direction == Direction.incoming));
	}

	@PostMapping("/{id}/accept")
	FriendRequests.RequestView accept(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return this.requests.accept(me(jwt), id);
	}

	@PostMapping("/{id}/decline")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void decline(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.requests.decline(me(jwt), id);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.requests.cancel(me(jwt), id);
	}

	private static UUID me(Jwt jwt) {
		return UUID.fromString(jwt.getSubject());
	}

	enum Direction {

		incoming, outgoing

	}

	record SendRequest(@NotNull UUID userId) {
	}

	record Items(List<FriendRequests.RequestView> items) {
	}

}
