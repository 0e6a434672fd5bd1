package dev.parley.auth.signup;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import dev.parley.auth.session.AuthResponse;
import dev.parley.auth.session.Sessions;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.AccountRegistered;
import dev.parley.platform.events.Topics;
import dev.parley.platform.outbox.Outbox;
import dev.parley.platform.text.Names;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up in two steps: a pending account and an e-mailed code, then verification with
 * the code and the sign-up's id, which activates the account, announces it
 * ({@code account.registered}) and signs the user in. A sign-up for an e-mail that
 * already has an account answers the same, and tells the owner.
 */
@Service
class SignupService implements CodeResender {

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

	private final Clock clock;

	SignupService(AccountRepository accounts, PendingSignupRepository pending, PasswordPolicy policy,
			PasswordEncoder passwords, OneTimeCodes codes, CodeLimits limits, Mailer mailer, Sessions sessions,
			Outbox outbox, AuthProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
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
		this.clock = clock;
	}

	/**
	 * Starts a sign-up and mails its code. The answer is the same whether or not the
	 * e-mail has an account (the owner is told instead), and costs the same hash.
	 */
	public SignupStarted signup(String email, String username, String displayName, String password) {
		String address = email.trim();
		this.policy.check(password, username, address);
		Instant now = this.clock.instant();
		// Usernames are public, so checking them first tells nothing about the e-mail.
		if (this.accounts.usernameTaken(username) || this.pending.usernameHeldByOther(username, address, now)) {
			throw usernameTaken();
		}
		this.limits.acquire(address, Purpose.SIGNUP);
		String hash = this.passwords.encode(password);
		UUID id = UUID.randomUUID();
		// Stored either way, so the username is held either way: a later sign-up with it
		// tells nothing about this e-mail.
		this.pending.insert(new PendingSignupRepository.PendingSignup(id, address, username, displayName(displayName),
				hash, now.plus(this.properties.otp().ttl())));
		if (this.accounts.findByEmail(address).isPresent()) {
			this.mailer.accountExists(address);
			// A code nobody receives: this sign-up can never finish, and guessing at it
			// answers as for a real one.
			this.codes.issue(address, Purpose.SIGNUP, id);
		}
		else {
			sendSignupCode(address, id, username);
		}
		return new SignupStarted(codeSent(address), id.toString());
	}

	/**
	 * Sends a new code for the sign-up when it is still pending (and answers the same
	 * when not).
	 */
	@Override
	public Purpose purpose() {
		return Purpose.SIGNUP;
	}

	@Override
	public CodeSent resend(String email, @Nullable UUID signupId) {
		if (signupId == null) {
			throw ApiException.badRequest("VALIDATION_FAILED", "signupId: is required to resend a sign-up code")
				.with("field", "signupId");
		}
		String address = email.trim();
		this.limits.acquire(address, Purpose.SIGNUP);
		Instant now = this.clock.instant();
		if (this.accounts.findByEmail(address).isPresent()) {
			// Its sign-ups can never finish: no code for them, the same answer.
			return codeSent(address);
		}
		this.pending.find(signupId, address, now).ifPresent((signup) -> {
			this.pending.extend(signup.id(), now.plus(this.properties.otp().ttl()));
			sendSignupCode(signup.email(), signup.id(), signup.username());
		});
		return codeSent(address);
	}

	public AuthResponse verify(String email, UUID signupId, String code, String clientAddress) {
		String address = email.trim();
		try {
			return this.codes.consume(address, Purpose.SIGNUP, signupId, code, clientAddress,
					() -> this.transactions.execute((tx) -> activate(signupId, address)));
		}
		catch (DuplicateKeyException ex) {
			// Another sign-up took the username (or e-mail) between sign-up and
			// verification.
			throw usernameTaken();
		}
	}

	private AuthResponse activate(UUID signupId, String address) {
		PendingSignupRepository.PendingSignup signup = this.pending.find(signupId, address, this.clock.instant())
			.orElseThrow(() -> ApiException.badRequest("SIGNUP_EXPIRED", "This sign-up has expired. Sign up again."));
		Account account = new Account(UUID.randomUUID(), signup.email(), signup.username(), signup.displayName(),
				signup.passwordHash());
		this.accounts.insert(account);
		this.pending.deleteAllFor(address);
		this.outbox.publish(Topics.ACCOUNT_EVENTS, account.id().toString(), AccountRegistered.TYPE,
				new AccountRegistered(account.id().toString(), account.email(), account.username(),
						account.displayName()));
		log.info("Account {} registered", account.id());
		return this.sessions.start(account);
	}

	private void sendSignupCode(String address, UUID signupId, String username) {
		this.codes.issueAndSend(address, Purpose.SIGNUP, signupId,
				(code) -> this.mailer.signupCode(address, username, code, this.codes.validMinutes()));
	}

	private CodeSent codeSent(String email) {
		return CodeSent.of(email, this.properties.otp());
	}

	private static String displayName(String chosen) {
		String name = Names.neutralize(chosen);
		if (name.isEmpty()) {
			throw ApiException.invalid("displayName", "must not be blank");
		}
		return name;
	}

	private static ApiException usernameTaken() {
		return ApiException.conflict("USERNAME_TAKEN", "That username is taken. Choose another one.")
			.with("field", "username");
	}

	/**
	 * The answer to a sign-up: {@code signupId} goes with the code to verify (and to ask
	 * for another code), so that only whoever started this sign-up can finish it.
	 */
	public record SignupStarted(String email, long expiresInSeconds, long resendAfterSeconds, String signupId) {

		SignupStarted(CodeSent sent, String signupId) {
			this(sent.email(), sent.expiresInSeconds(), sent.resendAfterSeconds(), signupId);
		}

	}

}
