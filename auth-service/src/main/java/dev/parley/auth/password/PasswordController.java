package dev.parley.auth.password;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.parley.auth.otp.CodeSent;
import dev.parley.platform.security.Revocations;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth/password")
class PasswordController {

	private final PasswordService passwords;

	PasswordController(PasswordService passwords) {
		this.passwords = passwords;
	}

	@PostMapping("/forgot")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CodeSent forgot(@Valid @RequestBody ForgotRequest request) {
		return this.passwords.forgot(request.email());
	}

	@PostMapping("/reset")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reset(@Valid @RequestBody ResetRequest request, HttpServletRequest http) {
		this.passwords.reset(request.email(), request.code(), request.newPassword(), http.getRemoteAddr());
	}

	@PostMapping("/change")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void change(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChangeRequest request, HttpServletRequest http) {
		String session = jwt.getClaimAsString(Revocations.SESSION_CLAIM);
		this.passwords.change(UUID.fromString(jwt.getSubject()), (session != null) ? UUID.fromString(session) : null,
				request.currentPassword(), request.newPassword(), http.getRemoteAddr());
	}

	record ForgotRequest(@NotBlank @Email @Size(max = 254) String email) {
	}

	record ResetRequest(@NotBlank @Email @Size(max = 254) String email,
			@NotBlank @Pattern(regexp = "\\d{8}", message = "is the 8-digit code from the e-mail") String code,
			@NotBlank @Size(max = 200) String newPassword) {
	}

	record ChangeRequest(@NotBlank @Size(max = 200) String currentPassword,
			@NotBlank @Size(max = 200) String newPassword) {
	}

}
