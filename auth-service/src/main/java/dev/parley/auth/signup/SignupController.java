package dev.parley.auth.signup;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.auth.session.AuthResponse;
import dev.parley.auth.session.SessionCookies;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth/signup")
class SignupController {

	private final SignupService signups;

	private final SessionCookies cookies;

	SignupController(SignupService signups, SessionCookies cookies) {
		this.signups = signups;
		this.cookies = cookies;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	SignupService.SignupStarted signup(@Valid @RequestBody SignupRequest request) {
		return this.signups.signup(request.email(), request.username(), request.displayName(), request.password());
	}

	@PostMapping("/verify")
	@ResponseStatus(HttpStatus.CREATED)
	AuthResponse verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http,
			HttpServletResponse response) {
		return this.cookies.deliver(
				this.signups.verify(request.email(), request.signupId(), request.code(), http.getRemoteAddr()), http,
				response);
	}

	record SignupRequest(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_.]{3,32}",
					message = "use 3 to 32 letters, digits, '_' or '.'") String username,
			@NotBlank @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*",
					message = "must not contain control characters") String displayName,
			@NotBlank @Size(max = 200) String password) {
	}

	record VerifyRequest(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "\\d{6}", message = "is the 6-digit code from the e-mail") String code,
			@NotNull UUID signupId) {
	}

}
