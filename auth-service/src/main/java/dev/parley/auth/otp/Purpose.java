package dev.parley.auth.otp;

/**
 * What a one-time code is for; a code of one purpose never works for another.
 */
public enum Purpose {

	SIGNUP, PASSWORD_RESET

}
