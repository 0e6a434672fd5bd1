package dev.parley.auth.otp;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Whatever e-mails codes of one {@link Purpose} and can send a fresh one: the sign-up and
 * the password reset plug in here, so that the resend endpoint needs neither.
 */
public interface CodeResender {

	Purpose purpose();

	/**
	 * Sends a fresh code, answering the same whether or not one was sent.
	 * @param subjectId what the code is for where the purpose needs it (a sign-up's id)
	 */
	CodeSent resend(String email, @Nullable UUID subjectId);

}
