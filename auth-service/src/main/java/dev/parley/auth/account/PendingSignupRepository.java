package dev.parley.auth.account;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PendingSignupRepository {

	private final JdbcClient jdbc;

	PendingSignupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the sign-up, replacing an earlier one for the same e-mail. */
	void upsert(PendingSignup signup) {
		this.jdbc
			.sql("insert into pending_signup (email_key, email, username, display_name, password_hash) "
					+ "values (:key, :email, :username, :displayName, :hash) on conflict (email_key) do update set "
					+ "email = excluded.email, username = excluded.username, display_name = excluded.display_name, "
					+ "password_hash = excluded.password_hash, created_at = now()")
			.param("key", Emails.key(signup.email()))
			.param("email", signup.email())
			.param("username", signup.username())
			.param("displayName", signup.displayName())
			.param("hash", signup.passwordHash())
			.update();
	}

	Optional<PendingSignup> find(String email) {
		return this.jdbc.sql("select * from pending_signup where email_key = :key")
			.param("key", Emails.key(email))
			.query((rs, n) -> new PendingSignup(rs.getString("email"), rs.getString("username"),
					rs.getString("display_name"), rs.getString("password_hash")))
			.optional();
	}

	void delete(String email) {
		this.jdbc.sql("delete from pending_signup where email_key = :key").param("key", Emails.key(email)).update();
	}

	record PendingSignup(String email, String username, String displayName, String passwordHash) {
	}

}
