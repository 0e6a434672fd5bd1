package dev.parley.message.search;

import java.util.UUID;

import dev.parley.platform.error.ApiException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

	static final int DEFAULT_LIMIT = 20;

	static final int MAX_LIMIT = 50;

	private final MessageSearch search;

	SearchController(MessageSearch search) {
		this.search = search;
	}

	/**
	 * Messages the caller can read that match {@code q} (most relevant first, or newest
	 * first: {@code order}); in one conversation when {@code conversationId} is given.
	 */
	@GetMapping("/api/search/messages")
	MessageSearch.Page messages(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String q,
			@RequestParam(required = false) UUID conversationId, @RequestParam(required = false) UUID before,
			@RequestParam(required = false) String order, @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw ApiException.invalid("limit", "The limit is 1 to " + MAX_LIMIT + ".");
		}
		return this.search.search(UUID.fromString(jwt.getSubject()), q, conversationId, before,
				MessageSearch.Order.of(order), limit);
	}

}
