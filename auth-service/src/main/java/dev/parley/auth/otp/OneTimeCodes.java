package dev.parley.auth.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Emails;
import dev.parley.auth.throttle.Failures;
import dev.parley.auth.throttle.Failures.Counter;
import dev.parley.platform.error.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numeric codes from a secure random source (six digits for sign-up, eight for a reset),
 * stored salted and hashed, valid for a short time and a few wrong tries. A code belongs
 * to an e-mail, a purpose and, for a sign-up, the sign-up it was sent for (its subject).
 * Verification commits its own bookkeeping (a wrong try counts even though the request
 * fails), and wrong codes are also counted per client address and overall, so that
 * guessing across many accounts is slowed as much as guessing one.
 */
@Service
public class OneTimeCodes {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AuthProperties.Otp rules;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final Failures failures;

	OneTimeCodes(JdbcClient jdbc, AuthProperties properties, Clock clock, PlatformTransactionManager transactions,
			Failures failures) {
		this.jdbc = jdbc;
		this.rules = properties.otp();
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.failures = failures;
	}

	/**
	 * A new code for the e-mail, purpose and subject (null when the purpose has none);
	 * earlier unused codes of the same stop working.
	 */
	public String issue(String email, Purpose purpose, UUID subject) {
		String code = random.ints(purpose.digits(), 0, 10)
			.mapToObj(Integer::toString)
			.collect(java.util.stream.Collectors.joining());
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc
				.sql("update one_time_code set used_at = :now where email_key = :key and purpose = :purpose "
						+ "and subject is not distinct from :subject and used_at is null")
				.param("now", java.sql.Timestamp.from(now))
				.param("key", Emails.key(email))
				.param("purpose", purpose.name())
				.param("subject", subject)
				.update();
			this.jdbc
				.sql("insert into one_time_code (id, email_key, purpose, subject, code_hash, expires_at, created_at) "
						+ "values (:id, :key, :purpose, :subject, :hash, :expires, :now)")
				.param("id", id)
				.param("key", Emails.key(email))
				.param("purpose", purpose.name())
				.param("subject", subject)
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
	public void issueAndSend(String email, Purpose purpose, UUID subject, Consumer<String> send) {
		String code = issue(email, purpose, subject);
		try {
			send.accept(code);
		}
		catch (RuntimeException ex) {
			withdraw(email, purpose, subject);
			throw ex;
		}
	}

	/** Minutes a new code stays valid, for the mail's text. */
	public long validMinutes() {
		return this.rules.ttl().toMinutes();
	}

	private void withdraw(String email, Purpose purpose, UUID subject) {
		this.jdbc
			.sql("delete from one_time_code where email_key = :key and purpose = :purpose "
					+ "and subject is not distinct from :subject and used_at is null")
			.param("key", Emails.key(email))
			.param("purpose", purpose.name())
			.param("subject", subject)
			.update();
	}

	/**
	 * When the code is right, runs {@code onRight} and uses the code up in one
	 * transaction (so that if {@code onRight} fails, the code still works) and returns
	 * its result. Otherwise throws OTP_INVALID (with attempts left), OTP_EXPIRED,
	 * OTP_TOO_MANY_ATTEMPTS, or RATE_LIMITED while the client address (or everyone) has
	 * sent too many wrong codes.
	 */
	public <T> T consume(String email, Purpose purpose, UUID subject, String code, String address,
			Supplier<T> onRight) {
		List<Counter> guessing = guessing(address);
		this.failures.begin(guessing);
		Outcome<T> outcome;
		try {
			outcome = this.transactions.execute((tx) -> check(email, purpose, subject, code, onRight));
		}
		catch (RuntimeException ex) {
			// The code was right, and what it unlocks refused (e.g. a weak password).
			this.failures.succeeded(guessing);
			throw ex;
		}
		if (outcome.result() == Result.OK) {
			this.failures.succeeded(guessing);
		}
		switch (outcome.result()) {
			case OK -> {
				return outcome.value();
			}
			case EXPIRED -> throw ApiException.badRequest("OTP_EXPIRED", "This code has expired. Ask for a new one.");
			case DEAD ->
				throw ApiException.badRequest("OTP_TOO_MANY_ATTEMPTS", "Too many wrong codes. Ask for a new one.");
			case WRONG -> throw ApiException.badRequest("OTP_INVALID", "That code is not right.")
				.with("attemptsLeft", outcome.attemptsLeft());
		}
		throw new IllegalStateException("Unknown outcome " + outcome.result());
	}

	private List<Counter> guessing(String address) {
		return List.of(
				new Counter("code:address:" + address, this.rules.wrongPerAddress(), this.rules.guessingWindow(),
						java.time.Duration.ofSeconds(30)),
				new Counter("code:overall", this.rules.wrongOverall(), this.rules.guessingWindow(),
						java.time.Duration.ofSeconds(30)));
	}

	private <T> Outcome<T> check(String email, Purpose purpose, UUID subject, String code, Supplier<T> onRight) {
		var row = this.jdbc
			.sql("select id, code_hash, expires_at, failed_attempts from one_time_code where email_key = :key "
					+ "and purpose = :purpose and subject is not distinct from :subject and used_at is null "
					+ "order by created_at desc limit 1 for update")
			.param("key", Emails.key(email))
			.param("purpose", purpose.name())
			.param("subject", subject)
			.query((rs, n) -> new StoredCode(rs.getObject("id", UUID.class), rs.getString("code_hash"),
					rs.getTimestamp("expires_at").toInstant(), rs.getInt("failed_attempts")))
			.optional();
		if (row.isEmpty()) {
			return new Outcome<>(Result.WRONG, 0, null);
		}
		StoredCode stored = row.get();
		if (stored.failedAttempts() >= this.rules.maxAttempts()) {
			return new Outcome<>(Result.DEAD, 0, null);
		}
		if (!this.clock.instant().isBefore(stored.expiresAt())) {
			return new Outcome<>(Result.EXPIRED, 0, null);
		}
		boolean right = code != null && MessageDigest.isEqual(hash(stored.id(), code).getBytes(StandardCharsets.UTF_8),
				stored.hash().getBytes(StandardCharsets.UTF_8));
		if (right) {
			T value = onRight.get();
			this.jdbc.sql("update one_time_code set used_at = now() where id = :id").param("id", stored.id()).update();
			return new Outcome<>(Result.OK, 0, value);
		}
		int failed = stored.failedAttempts() + 1;
		this.jdbc.sql("update one_time_code set failed_attempts = :failed where id = :id")
			.param("failed", failed)
			.param("id", stored.id())
			.update();
		int left = this.rules.maxAttempts() - failed;
		return (left <= 0) ? new Outcome<>(Result.DEAD, 0, null) : new Outcome<>(Result.WRONG, left, null);
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

	private record Outcome<T>(Result result, int attemptsLeft, T value) {
	}

	private record StoredCode(UUID id, String hash, Instant expiresAt, int failedAttempts) {
	}

}
