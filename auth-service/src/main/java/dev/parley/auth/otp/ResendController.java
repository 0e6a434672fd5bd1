package dev.parley.auth.otp;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.parley.auth.account.SignupService;
import dev.parley.auth.account.SignupService.CodeSent;
import dev.parley.auth.password.PasswordService;
import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/otp/resend}: a fresh code for a pending sign-up or a password
 * reset.
 */
@RestController
class ResendController {

	private final SignupService signups;

	private final PasswordService passwords;

	ResendController(SignupService signups, PasswordService passwords) {
		this.signups = signups;
		this.passwords = passwords;
	}

	@PostMapping("/api/auth/otp/resend")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CodeSent resend(@Valid @RequestBody ResendRequest request) {
		return switch (request.purpose()) {
			case SIGNUP -> {
				if (request.signupId() == null) {
					throw ApiException.badRequest("VALIDATION_FAILED", "signupId: is required to resend a sign-up code")
						.with("field", "signupId");
				}
				yield this.signups.resend(request.email(), request.signupId());
			}
			case PASSWORD_RESET -> this.passwords.forgot(request.email());
		};
	}

	/** {@code signupId}: the sign-up's, for a sign-up code. */
	record ResendRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull Purpose purpose, UUID signupId) {
	}

}
