package dev.parley.platform.security;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;

/**
 * The two security failures, as problem+json bodies. Their text is fixed, so they are
 * written without a JSON mapper and never echo anything from the request.
 */
final class AuthProblems {

	static final String MEDIA_TYPE = "application/problem+json";

	static final String CHALLENGE = "Bearer error=\"invalid_token\"";

	private AuthProblems() {
	}

	static byte[] unauthenticated() {
		return body(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
				"A valid access token is required. Sign in again or refresh the token.");
	}

	static byte[] forbidden() {
		return body(HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this.");
	}

	private static byte[] body(HttpStatus status, String code, String detail) {
		return ("{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\",\"code\":\"%s\"}"
			.formatted(status.getReasonPhrase(), status.value(), detail, code)).getBytes(StandardCharsets.UTF_8);
	}

}
