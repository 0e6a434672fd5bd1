package dev.parley.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import dev.parley.auth.AuthProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Opaque refresh tokens (256 random bits), stored as SHA-256 hashes. Each belongs to a
 * family: one sign-in and all its rotations.
 */
@Repository
class RefreshTokens {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private final Clock clock;

	RefreshTokens(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Creates a token in the family; returns the token itself. */
	String issue(UUID accountId, UUID familyId) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("insert into refresh_token (id, family_id, account_id, token_hash, created_at, expires_at) "
					+ "values (:id, :family, :account, :hash, :now, :expires)")
			.param("id", UUID.randomUUID())
			.param("family", familyId)
			.param("account", accountId)
			.param("hash", hash(token))
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(now.plus(this.properties.refreshTokenTtl())))
			.update();
		return token;
	}

	/** The account the token belongs to, without locking anything. */
	Optional<UUID> accountOf(String token) {
		return this.jdbc.sql("select account_id from refresh_token where token_hash = :hash")
			.param("hash", hash(token))
			.query(UUID.class)
			.optional();
	}

	/** The stored token, locked for this transaction. */
	Optional<Stored> findForUpdate(String token) {
		return this.jdbc
			.sql("select id, family_id, account_id, expires_at, rotated_at, revoked_at from refresh_token "
					+ "where token_hash = :hash for update")
			.param("hash", hash(token))
			.query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
					rs.getObject("account_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
					rs.getTimestamp("rotated_at") != null, rs.getTimestamp("revoked_at") != null))
			.optional();
	}

	void markRotated(UUID id) {
		this.jdbc.sql("update refresh_token set rotated_at = now() where id = :id").param("id", id).update();
	}

	void revokeFamily(UUID familyId) {
		this.jdbc.sql("update refresh_token set revoked_at = now() where family_id = :family and revoked_at is null")
			.param("family", familyId)
			.update();
	}

	/**
	 * Revokes every live token of the account but those of the family {@code keep} (none
	 * when null); returns their families.
	 */
	java.util.List<UUID> revokeAllBut(UUID accountId, UUID keep) {
		return this.jdbc
			.sql("update refresh_token set revoked_at = now() where account_id = :account and revoked_at is null "
					+ "and family_id is distinct from :keep returning family_id")
			.param("account", accountId)
			.param("keep", keep)
			.query(UUID.class)
			.list()
			.stream()
			.distinct()
			.toList();
	}

	boolean expired(Stored stored) {
		return !this.clock.instant().isBefore(stored.expiresAt());
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Stored(UUID id, UUID familyId, UUID accountId, Instant expiresAt, boolean rotated, boolean revoked) {
	}

}
