package dev.parley.auth.otp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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

	private final Map<Purpose, CodeResender> resenders = new EnumMap<>(Purpose.class);

	ResendController(List<CodeResender> resenders) {
		resenders.forEach((resender) -> this.resenders.put(resender.purpose(), resender));
		if (this.resenders.size() != Purpose.values().length) {
			throw new IllegalStateException("Every purpose needs a resender: " + this.resenders.keySet());
		}
	}

	@PostMapping("/api/auth/otp/resend")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CodeSent resend(@Valid @RequestBody ResendRequest request) {
		return this.resenders.get(request.purpose()).resend(request.email(), request.signupId());
	}

	/** {@code signupId}: the sign-up's, for a sign-up code. */
	record ResendRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull Purpose purpose, UUID signupId) {
	}

}
