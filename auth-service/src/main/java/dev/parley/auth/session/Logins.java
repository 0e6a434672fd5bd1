package dev.parley.auth.session;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.auth.account.Account;
import dev.parley.auth.account.AccountRepository;
import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in by e-mail or username. An unknown login costs the same hash check as a wrong
 * password and gets the same answer, so neither timing nor text tells them apart.
 */
@Service
class Logins {

	private final AccountRepository accounts;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final Sessions sessions;

	private final TransactionTemplate transactions;

	private final String dummyHash;

	private final Counter wrongPassword;

	private final Counter throttled;

	Logins(AccountRepository accounts, PasswordEncoder passwords, LoginThrottle throttle, Sessions sessions,
			PlatformTransactionManager transactionManager, MeterRegistry meters) {
		this.wrongPassword = failed(meters, "credentials");
		this.throttled = failed(meters, "throttled");
		this.accounts = accounts;
		this.passwords = passwords;
		this.throttle = throttle;
		this.sessions = sessions;
		this.transactions = new TransactionTemplate(transactionManager);
		this.dummyHash = passwords.encode(UUID.randomUUID().toString());
	}

	private static Counter failed(MeterRegistry meters, String reason) {
		return Counter.builder("parley.logins.failed")
			.description("Sign-ins refused: a wrong login or password (credentials), or too many tries (throttled)")
			.tag("reason", reason)
			.register(meters);
	}

	AuthResponse login(String login, String password, String address) {
		String normalized = login.trim();
		Account account = this.accounts.findByLogin(normalized).orElse(null);
		// One counter per account, whether it is named by e-mail or username.
		String subject = (account != null) ? account.id().toString() : normalized;
		try {
			this.throttle.begin(subject, address);
		}
		catch (ApiException ex) {
			if (ex.status() == HttpStatus.TOO_MANY_REQUESTS) {
				this.throttled.increment();
			}
			throw ex;
		}
		boolean matches = this.passwords.matches(password, (account != null) ? account.passwordHash() : this.dummyHash);
		if (account == null || !matches) {
			this.wrongPassword.increment();
			throw new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS",
					"That e-mail or username and password do not match.");
		}
		this.throttle.succeeded(subject, address);
		return this.transactions.execute((tx) -> this.sessions.start(account));
	}

}
