package dev.parley.auth.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.auth.throttle.Failures;
import dev.parley.auth.throttle.Failures.Counter;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without handing a stranger a way to lock the owner out:
 * failures count per account and client address pair (the owner, elsewhere, is not
 * affected), per client address (one guesser across many accounts) and, with a much
 * larger allowance, per account from everywhere (a guesser with many addresses). That
 * last counter never applies at an address where the account signed in successfully
 * within {@link #KNOWN_FOR}: strangers can slow the account down everywhere but where its
 * owner usually is.
 */
@Component
public class LoginThrottle {

	static final Duration KNOWN_FOR = Duration.ofDays(30);

	private final Failures failures;

	private final StringRedisTemplate redis;

	private final AuthProperties.Login rules;

	LoginThrottle(Failures failures, StringRedisTemplate redis, AuthProperties properties) {
		this.failures = failures;
		this.redis = redis;
		this.rules = properties.login();
	}

	/**
	 * Counts a sign-in attempt as failed until {@link #succeeded} says otherwise, or
	 * throws 429 RATE_LIMITED while the pair, the address or the account is slowed.
	 */
	public void begin(String login, String address) {
		this.failures.begin(counters(login, address));
	}

	/**
	 * The right password: the attempt does not count, the pair starts afresh, and the
	 * address is one the owner uses.
	 */
	public void succeeded(String login, String address) {
		this.failures.succeeded(counters(login, address));
		this.failures.reset(pair(login, address));
		this.redis.opsForValue().set(knownKey(login, address), "1", KNOWN_FOR);
	}

	private List<Counter> counters(String login, String address) {
		List<Counter> counters = new ArrayList<>(List.of(pair(login, address), new Counter("login:address:" + address,
				this.rules.maxFailuresPerAddress(), this.rules.window(), this.rules.firstDelay())));
		if (!Boolean.TRUE.equals(this.redis.hasKey(knownKey(login, address)))) {
			counters.add(new Counter("login:account:" + Emails.key(login), this.rules.maxFailuresPerAccount(),
					this.rules.window(), this.rules.firstDelay()));
		}
		return counters;
	}

	private Counter pair(String login, String address) {
		return new Counter("login:pair:" + Emails.key(login) + ":" + address, this.rules.maxFailures(),
				this.rules.window(), this.rules.firstDelay());
	}

	private static String knownKey(String login, String address) {
		return "auth:known:" + Emails.key(login) + ":" + address;
	}

}
