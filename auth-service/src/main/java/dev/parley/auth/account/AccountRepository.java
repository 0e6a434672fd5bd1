package dev.parley.auth.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

	private static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getObject("id", UUID.class),
			rs.getString("email"), rs.getString("username"), rs.getString("display_name"),
			rs.getString("password_hash"));

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> findById(UUID id) {
		return this.jdbc.sql("select * from account where id = :id").param("id", id).query(ROW).optional();
	}

	public Optional<Account> findByEmail(String email) {
		return this.jdbc.sql("select * from account where lower(email) = lower(:email)")
			.param("email", email)
			.query(ROW)
			.optional();
	}

	/** By e-mail or username, whichever the login is. */
	public Optional<Account> findByLogin(String login) {
		return this.jdbc
			.sql("select * from account where lower(email) = lower(:login) or lower(username) = lower(:login)")
			.param("login", login)
			.query(ROW)
			.optional();
	}

	public boolean usernameTaken(String username) {
		return this.jdbc.sql("select exists (select 1 from account where lower(username) = lower(:username))")
			.param("username", username)
			.query(Boolean.class)
			.single();
	}

	public void insert(Account account) {
		this.jdbc
			.sql("insert into account (id, email, username, display_name, password_hash) "
					+ "values (:id, :email, :username, :displayName, :hash)")
			.param("id", account.id())
			.param("email", account.email())
			.param("username", account.username())
			.param("displayName", account.displayName())
			.param("hash", account.passwordHash())
			.update();
	}

	/**
	 * Holds the account against session-wide changes (ending all its sessions) for the
	 * rest of the transaction; several holders may share it.
	 */
	public void holdShared(UUID id) {
		this.jdbc.sql("select 1 from account where id = :id for share").param("id", id).query().listOfRows();
	}

	/** Holds the account alone for the rest of the transaction. */
	public void hold(UUID id) {
		this.jdbc.sql("select 1 from account where id = :id for update").param("id", id).query().listOfRows();
	}

	public void updatePassword(UUID id, String hash) {
		this.jdbc.sql("update account set password_hash = :hash, password_changed_at = now() where id = :id")
			.param("hash", hash)
			.param("id", id)
			.update();
	}

}
