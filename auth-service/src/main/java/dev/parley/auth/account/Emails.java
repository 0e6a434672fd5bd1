package dev.parley.auth.account;

import java.util.Locale;

/**
 * E-mail addresses compare without regard to case or surrounding space.
 */
public final class Emails {

	private Emails() {
	}

	public static String key(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

}
