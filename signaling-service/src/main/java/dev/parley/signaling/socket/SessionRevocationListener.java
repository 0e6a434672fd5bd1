package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

	static final Duration SWEEP = Duration.ofSeconds(20);

	private final Disposable subscription;

	private final Disposable sweep;

	SessionRevocationListener(ReactiveStringRedisTemplate redis, SessionHub hub) {
		this.sweep = Flux.interval(SWEEP, SWEEP).concatMap((tick) -> sweep(redis, hub).onErrorResume((ex) -> {
			log.debug("Could not look up ended sessions: {}", ex.getMessage());
			return Mono.empty();
		})).subscribe();
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

	/** Closes this replica's sockets whose session ended. */
	static Mono<Void> sweep(ReactiveStringRedisTemplate redis, SessionHub hub) {
		Map<String, List<ClientSocket>> bySession = new HashMap<>();
		hub.forEach((socket) -> {
			if (socket.session() != null) {
				bySession.computeIfAbsent(socket.session(), (key) -> new ArrayList<>()).add(socket);
			}
		});
		if (bySession.isEmpty()) {
			return Mono.empty();
		}
		List<String> sessions = List.copyOf(bySession.keySet());
		return redis.opsForValue().multiGet(sessions.stream().map(Revocations::key).toList()).doOnNext((values) -> {
			for (int i = 0; i < sessions.size(); i++) {
				if (values.get(i) != null) {
					bySession.get(sessions.get(i))
						.forEach((socket) -> socket.connection().close(SocketCloseCodes.SESSION_ENDED));
				}
			}
		}).then();
	}

	@Override
	public void destroy() {
		this.subscription.dispose();
		this.sweep.dispose();
	}

}
