package dev.parley.auth.session;

import java.util.List;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.auth.throttle.Failures;
import dev.parley.auth.throttle.Failures.Counter;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without handing a stranger a way to lock the owner out:
 * failures count per account and client address pair (the owner, elsewhere, is not
 * affected), per client address (one guesser across many accounts) and, with a much
 * larger allowance, per account from everywhere (a guesser with many addresses).
 */
@Component
public class LoginThrottle {

	private final Failures failures;

	private final AuthProperties.Login rules;

	LoginThrottle(Failures failures, AuthProperties properties) {
		this.failures = failures;
		this.rules = properties.login();
	}

	/** Throws 429 RATE_LIMITED while the pair, the address or the account is slowed. */
	public void check(String login, String address) {
		this.failures.check(counters(login, address));
	}

	public void failed(String login, String address) {
		this.failures.failed(counters(login, address));
	}

	/** The right password clears the pair's count; the others run out on their own. */
	public void succeeded(String login, String address) {
		this.failures.reset(pair(login, address));
	}

	private List<Counter> counters(String login, String address) {
		return List.of(pair(login, address),
				new Counter("login:address:" + address, this.rules.maxFailuresPerAddress(), this.rules.window(),
						this.rules.firstDelay()),
				new Counter("login:account:" + Emails.key(login), this.rules.maxFailuresPerAccount(),
						this.rules.window(), this.rules.firstDelay()));
	}

	private Counter pair(String login, String address) {
		return new Counter("login:pair:" + Emails.key(login) + ":" + address, this.rules.maxFailures(),
				this.rules.window(), this.rules.firstDelay());
	}

}
