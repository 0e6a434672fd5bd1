package dev.parley.signaling.rtc;

import java.time.Clock;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rtc/ice-servers}: the ICE servers for the caller, never cached (TURN
 * credentials are per user and short-lived).
 */
@RestController
class IceServersController {

	private final IceServers iceServers;

	IceServersController(RtcProperties properties) {
		this.iceServers = new IceServers(properties, Clock.systemUTC());
	}

	@GetMapping("/api/rtc/ice-servers")
	ResponseEntity<IceServersResponse> iceServers(@AuthenticationPrincipal Jwt jwt) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new IceServersResponse(this.iceServers.forUser(jwt.getSubject())));
	}

	record IceServersResponse(List<IceServers.IceServer> iceServers) {
	}

}
