package dev.parley.auth.account;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.mail.Mailer;
import dev.parley.auth.otp.CodeLimits;
import dev.parley.auth.otp.OneTimeCodes;
import dev.parley.auth.otp.Purpose;
import dev.parley.auth.session.AuthResponse;
import dev.parley.auth.session.Sessions;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up in two steps: a pending account and an e-mailed code, then verification, which
 * activates the account, announces it ({@code account.registered}) and signs the user in.
 * A sign-up for an e-mail that already has an account answers the same, and tells the
 * owner.
 */
@Service
public class SignupService {

	private static final Logger log = LoggerFactory.getLogger(SignupService.class);

	private final AccountRepository accounts;

	private final PendingSignupRepository pending;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwords;

	private final OneTimeCodes codes;

	private final CodeLimits limits;

	private final Mailer mailer;

	private final Sessions sessions;

	private final Outbox outbox;

	private final AuthProperties properties;

	private final TransactionTemplate transactions;

	SignupService(AccountRepository accounts, PendingSignupRepository pending, PasswordPolicy policy,
			PasswordEncoder passwords, OneTimeCodes codes, CodeLimits limits, Mailer mailer, Sessions sessions,
			Outbox outbox, AuthProperties properties, PlatformTransactionManager transactionManager) {
		this.accounts = accounts;
		this.pending = pending;
		this.policy = policy;
		this.passwords = passwords;
		this.codes = codes;
		this.limits = limits;
		this.mailer = mailer;
		this.sessions = sessions;
		this.outbox = outbox;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	public CodeSent signup(String email, String username, String displayName, String password) {
		String address = email.trim();
		this.policy.check(password, username, address);
		if (this.accounts.findByEmail(address).isPresent()) {
			this.limits.acquire(address, Purpose.SIGNUP);
			this.mailer.accountExists(address);
			return codeSent(address);
		}
		if (this.accounts.usernameTaken(username)) {
			throw usernameTaken();
		}
		this.limits.acquire(address, Purpose.SIGNUP);
		this.pending.upsert(new PendingSignupRepository.PendingSignup(address, username, displayName.strip(),
				this.passwords.encode(password)));
		sendSignupCode(address);
		return codeSent(address);
	}

	/**
	 * Sends a new sign-up code when a sign-up is pending (and answers the same when not).
	 */
	public CodeSent resend(String email) {
		String address = email.trim();
		this.limits.acquire(address, Purpose.SIGNUP);
		this.pending.find(address).ifPresent((signup) -> sendSignupCode(signup.email()));
		return codeSent(address);
	}

	public AuthResponse verify(String email, String code) {
		String address = email.trim();
		this.codes.consume(address, Purpose.SIGNUP, code);
		try {
			return this.transactions.execute((tx) -> {
				PendingSignupRepository.PendingSignup signup = this.pending.find(address)
					.orElseThrow(() -> ApiException.badRequest("OTP_INVALID", "That code is not right."));
				Account account = new Account(UUID.randomUUID(), signup.email(), signup.username(),
						signup.displayName(), signup.passwordHash());
				this.accounts.insert(account);
				this.pending.delete(address);
				this.outbox.publish(Topics.ACCOUNT_EVENTS, account.id().toString(), AccountRegistered.TYPE,
						new AccountRegistered(account.id().toString(), account.email(), account.username(),
								account.displayName()));
				log.info("Account {} registered", account.id());
				return this.sessions.start(account);
			});
		}
		catch (DuplicateKeyException ex) {
			// Another sign-up took the username (or e-mail) between sign-up and
			// verification.
			throw usernameTaken();
		}
	}

	private void sendSignupCode(String address) {
		this.codes.issueAndSend(address, Purpose.SIGNUP,
				(code) -> this.mailer.signupCode(address, code, this.codes.validMinutes()));
	}

	private CodeSent codeSent(String email) {
		return CodeSent.of(email, this.properties.otp());
	}

	private static ApiException usernameTaken() {
		return ApiException.conflict("USERNAME_TAKEN", "That username is taken. Choose another one.")
			.with("field", "username");
	}

	/** The answer to anything that e-mails a code. */
	public record CodeSent(String email, long expiresInSeconds, long resendAfterSeconds) {

		public static CodeSent of(String email, AuthProperties.Otp rules) {
			return new CodeSent(email, rules.ttl().toSeconds(), rules.resendCooldown().toSeconds());
		}

	}

}
