package dev.parley.auth.otp;

import java.time.Duration;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.platform.error.ApiException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How often codes may be sent to one e-mail: a cooldown between two, and a cap per hour.
 * Kept in Redis by e-mail whether or not an account exists, so the answers do not tell.
 */
@Component
public class CodeLimits {

	private final StringRedisTemplate redis;

	private final AuthProperties.Otp rules;

	CodeLimits(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.rules = properties.otp();
	}

	/** Counts a code about to be sent, or throws 429 OTP_COOLDOWN / RATE_LIMITED. */
	public void acquire(String email, Purpose purpose) {
		String base = "auth:otp:" + purpose.name().toLowerCase() + ":" + Emails.key(email);
		String cooldownKey = base + ":cooldown";
		Boolean fresh = this.redis.opsForValue().setIfAbsent(cooldownKey, "1", this.rules.resendCooldown());
		if (!Boolean.TRUE.equals(fresh)) {
			throw ApiException.tooManyRequests("OTP_COOLDOWN",
					"A code was just sent. Wait a moment before asking again.",
					ttl(cooldownKey, this.rules.resendCooldown()));
		}
		String hourKey = base + ":hour";
		Long sent = this.redis.opsForValue().increment(hourKey);
		if (sent != null && sent == 1) {
			this.redis.expire(hourKey, Duration.ofHours(1));
		}
		if (sent != null && sent > this.rules.hourlyCap()) {
			throw ApiException.tooManyRequests("RATE_LIMITED", "Too many codes were sent to this address. Try later.",
					ttl(hourKey, Duration.ofHours(1)));
		}
	}

	private Duration ttl(String key, Duration fallback) {
		Long millis = this.redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
		return (millis != null && millis > 0) ? Duration.ofMillis(millis) : fallback;
	}

}
