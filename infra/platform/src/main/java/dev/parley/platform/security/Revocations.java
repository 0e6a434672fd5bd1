package dev.parley.platform.security;

import java.time.Duration;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Where ended sessions are written down until their last access token has expired, so
 * that a signed-out or password-changed session stops working at once instead of up to an
 * access token's lifetime later. auth-service writes a key per ended session (the
 * {@code sid} claim of its access tokens) and announces it on {@link #CHANNEL}; verifiers
 * (the gateway for every request, signaling for sockets) look the key up.
 */
public final class Revocations {

	/** Redis pub/sub channel: {@code <userId> <sid> <sid>…} per revocation. */
	public static final String CHANNEL = "parley:revocations";

	/** The access token's session claim: its sign-in (refresh-token family). */
	public static final String SESSION_CLAIM = "sid";

	private Revocations() {
	}

	public static String key(String sessionId) {
		return "auth:revoked:" + sessionId;
	}

	/** The token's session, or null for a token without one. */
	public static String sessionOf(Jwt jwt) {
		return jwt.getClaimAsString(SESSION_CLAIM);
	}

	/** How long a revocation must be kept: as long as an access token lives. */
	public static Duration keep(Duration accessTokenTtl) {
		return accessTokenTtl.plusMinutes(1);
	}

}
