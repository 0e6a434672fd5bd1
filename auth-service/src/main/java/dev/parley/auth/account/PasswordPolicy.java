package dev.parley.auth.account;

import java.util.Locale;

import dev.parley.platform.error.ApiException;

import org.springframework.stereotype.Component;

/**
 * Password strength: long enough, not too long for the hash, and not built on the
 * username or e-mail.
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 10;

	/**
	 * bcrypt reads at most 72 bytes; 64 characters keeps common passphrases well inside.
	 */
	public static final int MAX_LENGTH = 64;

	public void check(String password, String username, String email) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw weak("Use at least " + MIN_LENGTH + " characters.");
		}
		if (password.length() > MAX_LENGTH || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
			throw weak("Use at most " + MAX_LENGTH + " characters.");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
			throw weak("The password must not contain your username.");
		}
		if (email != null) {
			String key = Emails.key(email);
			String local = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
			if (lower.contains(key) || (local.length() >= 3 && lower.contains(local))) {
				throw weak("The password must not contain your e-mail address.");
			}
		}
	}

	private static ApiException weak(String detail) {
		return ApiException.badRequest("WEAK_PASSWORD", detail).with("field", "password");
	}

}
