package dev.parley.auth.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.platform.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Six-digit codes from a secure random source, stored salted and hashed, valid for a
 * short time and a few wrong tries. Verification commits its own bookkeeping (a wrong try
 * counts even though the request fails).
 */
@Service
public class OneTimeCodes {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuthProperties.Otp rules;

	private final Clock clock;

	private final TransactionTemplate transactions;

	OneTimeCodes(JdbcClient jdbc, AuthProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.rules = properties.otp();
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** A new code for the e-mail and purpose; earlier unused codes stop working. */
	public String issue(String email, Purpose purpose) {
		String code = "%06d".formatted(random.nextInt(1_000_000));
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc
				.sql("update one_time_code set used_at = :now where email_key = :key and purpose = :purpose "
						+ "and used_at is null")
				.param("now", java.sql.Timestamp.from(now))
				.param("key", Emails.key(email))
				.param("purpose", purpose.name())
				.update();
			this.jdbc
				.sql("insert into one_time_code (id, email_key, purpose, code_hash, expires_at, created_at) "
						+ "values (:id, :key, :purpose, :hash, :expires, :now)")
				.param("id", id)
				.param("key", Emails.key(email))
				.param("purpose", purpose.name())
				.param("hash", hash(id, code))
				.param("expires", java.sql.Timestamp.from(now.plus(this.rules.ttl())))
				.param("now", java.sql.Timestamp.from(now))
				.update();
		});
		return code;
	}

	/**
	 * Issues a code and hands it to {@code send} (which mails it); when sending fails,
	 * the code is withdrawn again so it cannot linger unseen.
	 */
	public void issueAndSend(String email, Purpose purpose, Consumer<String> send) {
		String code = issue(email, purpose);
		try {
			send.accept(code);
		}
		catch (RuntimeException ex) {
			withdraw(email, purpose);
			throw ex;
		}
	}

	/** Minutes a new code stays valid, for the mail's text. */
	public long validMinutes() {
		return this.rules.ttl().toMinutes();
	}

	private void withdraw(String email, Purpose purpose) {
		this.jdbc.sql("delete from one_time_code where email_key = :key and purpose = :purpose and used_at is null")
			.param("key", Emails.key(email))
			.param("purpose", purpose.name())
			.update();
	}

	/**
	 * Uses up the code if it is right; otherwise throws OTP_INVALID (with attempts left),
	 * OTP_EXPIRED or OTP_TOO_MANY_ATTEMPTS.
	 */
	public void consume(String email, Purpose purpose, String code) {
		Outcome outcome = this.transactions.execute((tx) -> check(email, purpose, code));
		switch (outcome.result()) {
			case OK -> {
			}
			case EXPIRED -> throw ApiException.badRequest("OTP_EXPIRED", "This code has expired. Ask for a new one.");
			case DEAD ->
				throw ApiException.badRequest("OTP_TOO_MANY_ATTEMPTS", "Too many wrong codes. Ask for a new one.");
			case WRONG -> throw ApiException.badRequest("OTP_INVALID", "That code is not right.")
				.with("attemptsLeft", outcome.attemptsLeft());
		}
	}

	private Outcome check(String email, Purpose purpose, String code) {
		var row = this.jdbc
			.sql("select id, code_hash, expires_at, failed_attempts from one_time_code where email_key = :key "
					+ "and purpose = :purpose and used_at is null order by created_at desc limit 1 for update")
			.param("key", Emails.key(email))
			.param("purpose", purpose.name())
			.query((rs, n) -> new StoredCode(rs.getObject("id", UUID.class), rs.getString("code_hash"),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("failed_attempts")))
			.optional();
		if (row.isEmpty()) {
			return new Outcome(Result.WRONG, 0);
		}
		StoredCode stored = row.get();
		if (stored.failedAttempts() >= this.rules.maxAttempts()) {
			return new Outcome(Result.DEAD, 0);
		}
		if (!this.clock.instant().isBefore(stored.expiresAt())) {
			return new Outcome(Result.EXPIRED, 0);
		}
		boolean right = code != null && MessageDigest.isEqual(hash(stored.id(), code).getBytes(StandardCharsets.UTF_8),
				stored.hash().getBytes(StandardCharsets.UTF_8));
		if (right) {
			this.jdbc.sql("update one_time_code set used_at = now() where id = :id").param("id", stored.id()).update();
			return new Outcome(Result.OK, 0);
		}
		int failed = stored.failedAttempts() + 1;
		this.jdbc.sql("update one_time_code set failed_attempts = :failed where id = :id")
			.param("failed", failed)
			.param("id", stored.id())
			.update();
		int left = this.rules.maxAttempts() - failed;
		return (left <= 0) ? new Outcome(Result.DEAD, 0) : new Outcome(Result.WRONG, left);
	}

	private static String hash(UUID salt, String code) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest((salt + ":" + code).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private enum Result {

		OK, WRONG, EXPIRED, DEAD

	}

	private record Outcome(Result result, int attemptsLeft) {
	}

	private record StoredCode(UUID id, String hash, Instant expiresAt, int failedAttempts) {
	}

}
