package dev.parley.auth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
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

	SessionController(Logins logins, Sessions sessions) {
		this.logins = logins;
		this.sessions = sessions;
	}

	@PostMapping("/login")
	AuthResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
		// Behind the gateway, the remote address is the client's (forwarded headers).
		return this.logins.login(request.login(), request.password(), http.getRemoteAddr());
	}

	@PostMapping("/refresh")
	AuthResponse refresh(@Valid @RequestBody TokenRequest request) {
		return this.sessions.refresh(request.refreshToken());
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@Valid @RequestBody TokenRequest request) {
		this.sessions.end(request.refreshToken());
	}

	record LoginRequest(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 200) String password) {
	}

	record TokenRequest(@NotBlank @Size(max = 200) String refreshToken) {
	}

}
