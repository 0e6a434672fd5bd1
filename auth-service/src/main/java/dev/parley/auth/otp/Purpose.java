package dev.parley.auth.otp;

/**
 * What a one-time code is for; a code of one purpose never works for another. A reset
 * code is longer: it is guessed against an existing account, so its space must stay large
 * next to what the guessing limits allow (docs/security.md).
 */
public enum Purpose {

	SIGNUP(6), PASSWORD_RESET(8);

	private final int digits;

	Purpose(int digits) {
		this.digits = digits;
	}

	public int digits() {
		return this.digits;
	}

}
