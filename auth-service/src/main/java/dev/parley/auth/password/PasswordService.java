package dev.parley.auth.password;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Account;
import dev.parley.auth.account.AccountRepository;
import dev.parley.auth.account.PasswordPolicy;
import dev.parley.auth.mail.Mailer;
import dev.parley.auth.otp.CodeLimits;
import dev.parley.auth.otp.CodeResender;
import dev.parley.auth.otp.CodeSent;
import dev.parley.auth.otp.OneTimeCodes;
import dev.parley.auth.otp.Purpose;
import dev.parley.auth.session.LoginThrottle;
import dev.parley.auth.session.Sessions;
import dev.parley.platform.error.ApiException;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords (reset by e-mailed code) and password changes. A reset ends every
 * session of the account; a change every session but the one that made it.
 */
@Service
class PasswordService implements CodeResender {

	private final AccountRepository accounts;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwords;

	private final OneTimeCodes codes;

	private final CodeLimits limits;

	private final Mailer mailer;

	private final Sessions sessions;

	private final LoginThrottle throttle;

	private final AuthProperties properties;

	private final TransactionTemplate transactions;

	PasswordService(AccountRepository accounts, PasswordPolicy policy, PasswordEncoder passwords, OneTimeCodes codes,
			CodeLimits limits, Mailer mailer, Sessions sessions, LoginThrottle throttle, AuthProperties properties,
			PlatformTransactionManager transactionManager) {
		this.accounts = accounts;
		this.policy = policy;
		this.passwords = passwords;
		this.codes = codes;
		this.limits = limits;
		this.mailer = mailer;
		this.sessions = sessions;
		this.throttle = throttle;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public Purpose purpose() {
		return Purpose.PASSWORD_RESET;
	}

	@Override
	public CodeSent resend(String email, @Nullable UUID subjectId) {
		return forgot(email);
	}

	/**
	 * E-mails a reset code when the account exists; answers the same when it does not.
	 */
	public CodeSent forgot(String email) {
		String address = email.trim();
		this.limits.acquire(address, Purpose.PASSWORD_RESET);
		var account = this.accounts.findByEmail(address);
		if (account.isEmpty()) {
			// A code nobody receives, so a wrong guess answers exactly as for a real
			// account.
			this.codes.issue(address, Purpose.PASSWORD_RESET, null);
		}
		account.ifPresent((found) -> this.codes.issueAndSend(found.email(), Purpose.PASSWORD_RESET, null,
				(code) -> this.mailer.passwordResetCode(found.email(), code, this.codes.validMinutes())));
		return CodeSent.of(address, this.properties.otp());
	}

	/**
	 * Sets a new password with a mailed code. What depends on the account (a password
	 * built on its username) is checked only once the code is right, so the answer for an
	 * unknown e-mail is that of a wrong code; the password is set in the code's own
	 * transaction, so the code is used up exactly when the password changed (a weak
	 * password leaves it usable).
	 */
	void reset(String email, String code, String newPassword, String address) {
		this.policy.check(newPassword, null, email);
		String hash = this.passwords.encode(newPassword);
		Account account = this.codes.consume(email.trim(), Purpose.PASSWORD_RESET, null, code, address, () -> {
			Account found = this.accounts.findByEmail(email.trim())
				.orElseThrow(() -> ApiException.badRequest("OTP_INVALID", "That code is not right.")
					.with("attemptsLeft", 0));
			this.policy.check(newPassword, found.username(), found.email());
			store(found, hash, null);
			return found;
		});
		this.mailer.passwordChangedQuietly(account.email());
	}

	/**
	 * Changes the password; every other session of the account ends, the one that changed
	 * it ({@code session}, from its token) stays.
	 */
	void change(UUID accountId, UUID session, String currentPassword, String newPassword, String address) {
		Account account = this.accounts.findById(accountId)
			.orElseThrow(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "This account no longer exists."));
		this.throttle.begin(account.id().toString(), address);
		if (!this.passwords.matches(currentPassword, account.passwordHash())) {
			throw ApiException.badRequest("CURRENT_PASSWORD_WRONG", "Your current password is not right.")
				.with("field", "currentPassword");
		}
		this.throttle.succeeded(account.id().toString(), address);
		this.policy.check(newPassword, account.username(), account.email());
		String hash = this.passwords.encode(newPassword);
		this.transactions.executeWithoutResult((tx) -> store(account, hash, session));
		this.mailer.passwordChangedQuietly(account.email());
	}

	/** The new hash, and every session but {@code keep} (none when null) ended. */
	private void store(Account account, String hash, UUID keep) {
		this.accounts.updatePassword(account.id(), hash);
		this.sessions.endAllBut(account.id(), keep);
	}

}
