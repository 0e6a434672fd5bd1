package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

import dev.parley.platform.security.Revocations;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Closes the sockets of sessions that just ended (signed out, everywhere, or a password
 * changed) with 4003, as auth-service announces them ({@link Revocations#CHANNEL}), so an
 * open socket does not outlive its session by up to a token's lifetime. A socket that
 * missed the announcement (Redis away) is still refused at its next {@code auth} frame or
 * reconnect, whose token check looks the session up.
 */
@Component
class SessionRevocationListener implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocationListener.class);

	private final Disposable subscription;

	SessionRevocationListener(ReactiveStringRedisTemplate redis, SessionHub hub) {
		this.subscription = redis.listenToChannel(Revocations.CHANNEL).doOnNext((message) -> {
			List<String> words = Arrays.asList(message.getMessage().split(" "));
			if (words.size() > 1) {
				hub.endSessions(words.get(0), words.subList(1, words.size()));
			}
		})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
				.maxBackoff(Duration.ofSeconds(5))
				.doBeforeRetry(
						(signal) -> log.debug("Listening for ended sessions again: {}", signal.failure().getMessage())))
			.subscribe();
	}

	@Override
	public void destroy() {
		this.subscription.dispose();
	}

}
