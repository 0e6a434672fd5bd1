package dev.parley.auth.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.platform.error.ApiException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, per account and per client address, across replicas
 * (Redis). After too many failures within the window, each further failure locks the
 * account (or address) for a delay that doubles, up to the window.
 */
@Component
public class LoginThrottle {

	private final StringRedisTemplate redis;

	private final AuthProperties.Login rules;

	LoginThrottle(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.rules = properties.login();
	}

	/** Throws 429 RATE_LIMITED while the account or the address is locked. */
	public void check(String login, String address) {
		for (String subject : subjects(login, address)) {
			Long millis = this.redis.getExpire(lockKey(subject), TimeUnit.MILLISECONDS);
			if (millis != null && millis > 0) {
				throw ApiException.tooManyRequests("RATE_LIMITED", "Too many failed attempts. Try again later.",
						Duration.ofMillis(millis));
			}
		}
	}

	public void failed(String login, String address) {
		fail(accountSubject(login), this.rules.maxFailures());
		fail(addressSubject(address), this.rules.maxFailuresPerAddress());
	}

	public void succeeded(String login) {
		this.redis.delete(java.util.List.of(failKey(accountSubject(login)), lockKey(accountSubject(login))));
	}

	private void fail(String subject, int allowed) {
		Long failures = this.redis.opsForValue().increment(failKey(subject));
		if (failures == null) {
			return;
		}
		if (failures == 1) {
			this.redis.expire(failKey(subject), this.rules.window());
		}
		if (failures >= allowed) {
			long doublings = Math.min(20, failures - allowed);
			Duration delay = this.rules.firstDelay().multipliedBy(1L << doublings);
			if (delay.compareTo(this.rules.window()) > 0) {
				delay = this.rules.window();
			}
			this.redis.opsForValue().set(lockKey(subject), "1", delay);
		}
	}

	private static String[] subjects(String login, String address) {
		return new String[] { accountSubject(login), addressSubject(address) };
	}

	private static String accountSubject(String login) {
		return "account:" + Emails.key(login);
	}

	private static String addressSubject(String address) {
		return "address:" + address;
	}

	private static String failKey(String subject) {
		return "auth:login:fail:" + subject;
	}

	private static String lockKey(String subject) {
		return "auth:login:lock:" + subject;
	}

}
