package dev.parley.auth.session;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import dev.parley.platform.error.ApiException;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, token refresh and logout.
 */
@RestController
@RequestMapping("/api/auth")
class SessionController {

	private final Logins logins;

	private final Sessions sessions;

	private final SessionCookies cookies;

	SessionController(Logins logins, Sessions sessions, SessionCookies cookies) {
		this.logins = logins;
		this.sessions = sessions;
		this.cookies = cookies;
	}

	@PostMapping("/login")
	AuthResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http,
			HttpServletResponse response) {
		// Behind the gateway, the remote address is the client's (forwarded headers).
		return this.cookies.deliver(this.logins.login(request.login(), request.password(), http.getRemoteAddr()), http,
				response);
	}

	@PostMapping("/refresh")
	AuthResponse refresh(@Valid @RequestBody TokenRequest request, HttpServletRequest http,
			HttpServletResponse response) {
		try {
			return this.cookies.deliver(this.sessions.refresh(token(request, http)), http, response);
		}
		catch (ApiException ex) {
			this.cookies.clear(http, response);
			throw ex;
		}
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@Valid @RequestBody TokenRequest request, HttpServletRequest http, HttpServletResponse response) {
		String token = (request.refreshToken() != null) ? request.refreshToken() : this.cookies.read(http);
		if (token != null) {
			this.sessions.end(token);
		}
		this.cookies.clear(http, response);
	}

	/** Ends every session of the signed-in account, on every device. */
	@PostMapping("/logout-all")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logoutEverywhere(@AuthenticationPrincipal Jwt jwt, HttpServletRequest http, HttpServletResponse response) {
		this.sessions.endAll(UUID.fromString(jwt.getSubject()));
		this.cookies.clear(http, response);
	}

	/** From the body (API clients) or, for the browser app, from its cookie. */
	private String token(TokenRequest request, HttpServletRequest http) {
		String token = (request.refreshToken() != null) ? request.refreshToken() : this.cookies.read(http);
		if (token == null && !this.cookies.wanted(http)) {
			throw ApiException.badRequest("VALIDATION_FAILED", "refreshToken: must not be blank")
				.with("field", "refreshToken");
		}
		return (token != null) ? token : "";
	}

	record LoginRequest(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 200) String password) {
	}

	/** {@code refreshToken}: absent when the browser app's cookie carries it. */
	record TokenRequest(@Size(min = 1, max = 200) String refreshToken) {
	}

}
