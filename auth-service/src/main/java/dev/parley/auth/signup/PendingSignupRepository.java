package dev.parley.auth.signup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.parley.auth.account.Emails;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sign-ups waiting for their code. Several may wait for one e-mail (only the mailbox's
 * owner can finish one); each is known by its id, which only its starter was told.
 */
@Repository
class PendingSignupRepository {

	private final JdbcClient jdbc;

	PendingSignupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(PendingSignup signup) {
		this.jdbc
			.sql("insert into pending_signup (id, email_key, email, username, display_name, password_hash, "
					+ "expires_at) values (:id, :key, :email, :username, :displayName, :hash, :expires)")
			.param("id", signup.id())
			.param("key", Emails.key(signup.email()))
			.param("email", signup.email())
			.param("username", signup.username())
			.param("displayName", signup.displayName())
			.param("hash", signup.passwordHash())
			.param("expires", Timestamp.from(signup.expiresAt()))
			.update();
	}

	/** The live sign-up with this id for this e-mail. */
	Optional<PendingSignup> find(UUID id, String email, Instant now) {
		return this.jdbc.sql("select * from pending_signup where id = :id and email_key = :key and expires_at > :now")
			.param("id", id)
			.param("key", Emails.key(email))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> new PendingSignup(rs.getObject("id", UUID.class), rs.getString("email"),
					rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** Whether a live sign-up for another e-mail holds the username. */
	boolean usernameHeldByOther(String username, String email, Instant now) {
		return this.jdbc
			.sql("select exists (select 1 from pending_signup where lower(username) = lower(:username) "
					+ "and email_key <> :key and expires_at > :now)")
			.param("username", username)
			.param("key", Emails.key(email))
			.param("now", Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}

	void extend(UUID id, Instant expiresAt) {
		this.jdbc.sql("update pending_signup set expires_at = :expires where id = :id")
			.param("id", id)
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** Once one sign-up for the e-mail succeeded, the others can never finish. */
	void deleteAllFor(String email) {
		this.jdbc.sql("delete from pending_signup where email_key = :key").param("key", Emails.key(email)).update();
	}

	record PendingSignup(UUID id, String email, String username, String displayName, String passwordHash,
			Instant expiresAt) {
	}

}
