package dev.parley.platform;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.parley.platform.error.ApiException;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet app that uses the platform exactly as a service does.
 */
@SpringBootApplication
class PlatformTestApplication {

	@RestController
	static class ProbeController {

		@GetMapping("/api/probe/me")
		Map<String, String> me(@AuthenticationPrincipal Jwt jwt) {
			return Map.of("userId", jwt.getSubject());
		}

		@PostMapping("/api/probe/things")
		Map<String, String> create(@Valid @RequestBody Thing thing) {
			return Map.of("name", thing.name());
		}

		@GetMapping("/api/probe/taken")
		void taken() {
			throw ApiException.conflict("THING_TAKEN", "That thing is taken.");
		}

		@GetMapping("/api/probe/bug")
		void bug() {
			throw new IllegalStateException("internal detail that must not leak");
		}

	}

	record Thing(@NotBlank @Size(max = 10) String name) {
	}

}
