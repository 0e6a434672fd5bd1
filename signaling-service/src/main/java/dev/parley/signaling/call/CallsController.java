package dev.parley.signaling.call;

import java.util.List;

import dev.parley.platform.error.ApiException;
import dev.parley.signaling.messaging.ConversationMembers;
import dev.parley.signaling.socket.Frame;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /api/calls?conversationId=}: the group's call in progress, if any, for a
 * member (what the app shows as "Call in progress · Join" when a chat opens; the
 * {@code call.participant.*} frames keep it current).
 */
@RestController
class CallsController {

	private final GroupCalls groups;

	CallsController(GroupCalls groups) {
		this.groups = groups;
	}

	/** Off the event loop: it asks message-service and Redis. */
	@GetMapping("/api/calls")
	Mono<ResponseEntity<Items>> calls(@AuthenticationPrincipal Jwt jwt, @RequestParam String conversationId) {
		if (!Frame.isUuid(conversationId)) {
			throw ApiException.invalid("conversationId", "must be a conversation id.");
		}
		return Mono.fromCallable(() -> {
			try {
				List<GroupCalls.GroupCall> items = this.groups
					.inProgress(jwt.getSubject(), jwt.getTokenValue(), conversationId)
					.stream()
					.toList();
				return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Items(items));
			}
			catch (ConversationMembers.Refused ex) {
				throw ApiException.forbidden(ex.code().name(), ex.getMessage());
			}
			catch (RestClientException ex) {
				throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "UNAVAILABLE",
						"Calls are unavailable right now. Try again shortly.");
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	record Items(List<GroupCalls.GroupCall> items) {
	}

}
