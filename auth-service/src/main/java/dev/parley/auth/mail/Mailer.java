package dev.parley.auth.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.auth.AuthProperties;
import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The e-mails auth-service sends. Codes go into the mail only, never into a log line.
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	private final JavaMailSender sender;

	private final String from;

	Mailer(JavaMailSender sender, AuthProperties properties) {
		this.sender = sender;
		this.from = properties.mailFrom();
	}

	// Subjects never hold the code: they show on lock screens and in notifications.

	public void signupCode(String to, String username, String code, long minutesValid) {
		send(to, "Your Parley sign-up code", """
				Welcome to Parley!

				Your code is %s. It is valid for %d minutes, and creates the account @%s.

				If you did not sign up, ignore this e-mail: without the code, nobody can
				create an account with your address.
				""".formatted(code, minutesValid, username));
	}

	public void accountExists(String to) {
		send(to, "Someone tried to sign up with your e-mail", """
				Someone (maybe you) tried to create a Parley account with this e-mail address,
				but you already have one. You can sign in, or reset your password if you forgot it.

				If it was not you, you can ignore this e-mail: nothing has changed.
				""");
	}

	public void passwordResetCode(String to, String code, long minutesValid) {
		send(to, "Your Parley password reset code", """
				Your code to reset your Parley password is %s. It is valid for %d minutes.

				If you did not ask for it, ignore this e-mail: your password has not changed.
				""".formatted(code, minutesValid));
	}

	public void passwordChanged(String to) {
		send(to, "Your Parley password was changed", """
				The password of your Parley account was just changed, and every other device was signed out.

				If it was not you, reset your password now with "Forgot password" on the sign-in page.
				""");
	}

	/** The change already happened; a failed notice must not undo or fail it. */
	public void passwordChangedQuietly(String to) {
		try {
			passwordChanged(to);
		}
		catch (ApiException ex) {
			log.warn("The password-changed notice could not be sent");
		}
	}

	private void send(String to, String subject, String text) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);
		try {
			this.sender.send(message);
		}
		catch (MailException ex) {
			log.warn("Sending mail failed: {}", ex.getClass().getSimpleName());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "MAIL_UNAVAILABLE",
					"We could not send the e-mail right now. Try again in a moment.");
		}
	}

}
