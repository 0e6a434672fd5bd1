package dev.parley.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingJwk a private EC P-256 key as a JWK to sign with (e.g. from a secret
 * store); when unset, auth-service generates and rotates its own keys in its database
 * @param keyRotation how long one key signs before a new one takes over
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (each use rotates it)
 * @param otp one-time code rules
 * @param login sign-in throttling
 * @param mailFrom the sender of Parley's e-mails
 * @param keyEncryptionKey 32 random bytes in Base64 that encrypt the signing keys in the
 * database (required; {@code ./chat up} makes one per state directory)
 * @param cookieSecure whether the browser app's refresh cookie is {@code Secure}: leave
 * on (browsers accept secure cookies from http://localhost too) unless the app is served
 * over plain HTTP from another host, in development
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(String signingJwk, @DefaultValue("30d") Duration keyRotation,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
		@DefaultValue Otp otp, @DefaultValue Login login,
		@DefaultValue("Parley <no-reply@parley.local>") String mailFrom, @DefaultValue("true") boolean cookieSecure,
		String keyEncryptionKey) {

	/**
	 * @param ttl how long a code is valid
	 * @param maxAttempts wrong tries before a code is dead
	 * @param resendCooldown the least time between two codes for one e-mail
	 * @param hourlyCap most codes per e-mail and purpose in an hour
	 * @param wrongPerAddress wrong codes from one client address within the guessing
	 * window before each further one is delayed (doubling)
	 * @param wrongOverall the same for all wrong codes from everywhere together
	 * @param guessingWindow how long wrong codes are remembered, and the longest delay
	 */
	public record Otp(@DefaultValue("10m") Duration ttl, @DefaultValue("5") int maxAttempts,
			@DefaultValue("60s") Duration resendCooldown, @DefaultValue("5") int hourlyCap,
			@DefaultValue("10") int wrongPerAddress, @DefaultValue("1000") int wrongOverall,
			@DefaultValue("1h") Duration guessingWindow) {
	}

	/**
	 * @param maxFailures failures per account and client address pair within the window
	 * before a delay is imposed
	 * @param maxFailuresPerAddress the same per client address, whatever the account
	 * (several people may share one address)
	 * @param maxFailuresPerAccount the same per account from all addresses together:
	 * large, so that strangers cannot easily slow the owner down
	 * @param window how long failures are remembered
	 * @param firstDelay the first delay; each further failure doubles it, up to the
	 * window
	 */
	public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("20") int maxFailuresPerAddress,
			@DefaultValue("100") int maxFailuresPerAccount, @DefaultValue("15m") Duration window,
			@DefaultValue("30s") Duration firstDelay) {
	}

}
