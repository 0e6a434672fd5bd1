package dev.parley.auth.otp;

import dev.parley.auth.AuthProperties;

/** The answer to anything that e-mails a code. */
public record CodeSent(String email, long expiresInSeconds, long resendAfterSeconds) {

	public static CodeSent of(String email, AuthProperties.Otp rules) {
		return new CodeSent(email, rules.ttl().toSeconds(), rules.resendCooldown().toSeconds());
	}

}
