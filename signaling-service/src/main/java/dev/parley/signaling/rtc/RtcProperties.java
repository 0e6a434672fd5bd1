package dev.parley.signaling.rtc;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ICE servers handed to browsers. With none configured, peers use host candidates only,
 * which is enough on one machine or one LAN.
 *
 * @param stunUrls e.g. {@code stun:stun.example.org:3478}
 * @param turnUrls e.g. {@code turn:turn.example.org:3478?transport=udp}
 * @param turnSecret the coturn {@code static-auth-secret} (TURN REST credentials)
 * @param turnCredentialTtl how long a TURN credential stays valid
 */
@ConfigurationProperties("parley.rtc")
record RtcProperties(@DefaultValue List<String> stunUrls, @DefaultValue List<String> turnUrls, String turnSecret,
		@DefaultValue("6h") Duration turnCredentialTtl) {

	boolean turnEnabled() {
		return !this.turnUrls.isEmpty() && this.turnSecret != null && !this.turnSecret.isBlank();
	}

}
