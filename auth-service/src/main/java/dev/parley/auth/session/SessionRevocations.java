package dev.parley.auth.session;

import java.util.Collection;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.auth.AuthProperties;
import dev.parley.platform.security.Revocations;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the verifiers that sessions ended, so their access tokens and open sockets stop
 * working now rather than when the tokens expire (see {@link Revocations}).
 */
@Component
class SessionRevocations {

	private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);

	private final StringRedisTemplate redis;

	private final AuthProperties properties;

	SessionRevocations(StringRedisTemplate redis, AuthProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * Announces the sessions as ended, once the transaction that ended them (if any) has
	 * committed: a rolled-back change ends nothing, and Redis is not waited on while
	 * database rows are locked.
	 */
	void revoke(UUID accountId, Collection<UUID> sessions) {
		if (sessions.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					announce(accountId, sessions);
				}
			});
		}
		else {
			announce(accountId, sessions);
		}
	}

	private void announce(UUID accountId, Collection<UUID> sessions) {
		try {
			for (UUID session : sessions) {
				this.redis.opsForValue()
					.set(Revocations.key(session.toString()), accountId.toString(),
							Revocations.keep(this.properties.accessTokenTtl()));
			}
			StringBuilder message = new StringBuilder(accountId.toString());
			sessions.forEach((session) -> message.append(' ').append(session));
			this.redis.convertAndSend(Revocations.CHANNEL, message.toString());
		}
		catch (DataAccessException ex) {
			// The refresh tokens are revoked in the database already; only the access
			// tokens live on, until they expire.
			log.warn("Could not announce {} ended sessions of account {}: {}", sessions.size(), accountId,
					ex.getMessage());
		}
	}

}
