package dev.parley.signaling.rtc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Builds the ICE server list for one user. TURN credentials follow the TURN REST scheme
 * that coturn's {@code use-auth-secret} understands: the username is
 * {@code <expiry-epoch-seconds>:<userId>} and the password is base64(HMAC-SHA1(secret,
 * username)), so they expire without any state on our side.
 */
class IceServers {

	private final RtcProperties properties;

	private final Clock clock;

	IceServers(RtcProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	List<IceServer> forUser(String userId) {
		List<IceServer> servers = new ArrayList<>();
		if (!this.properties.stunUrls().isEmpty()) {
			servers.add(new IceServer(this.properties.stunUrls(), null, null));
		}
		if (this.properties.turnEnabled()) {
			long expiry = this.clock.instant().plus(this.properties.turnCredentialTtl()).getEpochSecond();
			String username = expiry + ":" + userId;
			servers.add(new IceServer(this.properties.turnUrls(), username,
					hmacSha1(this.properties.turnSecret(), username)));
		}
		return servers;
	}

	static String hmacSha1(String secret, String value) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One entry of RTCConfiguration.iceServers. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record IceServer(List<String> urls, String username, String credential) {
	}

}
