package dev.parley.auth.keys;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.ECKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SigningKeyRepository {

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	SigningKeyRepository(JdbcClient jdbc, KeyEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/** Serialises key creation across replicas for the rest of the transaction. */
	void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('auth.signing_key'))").query().singleValue();
	}

	/** Unretired keys and keys retired after the cutoff, newest first. */
	List<StoredKey> publishable(Instant retiredAfter) {
		return this.jdbc
			.sql("select kid, jwk, created_at, retired_at from signing_key "
					+ "where retired_at is null or retired_at > :cutoff order by created_at desc")
			.param("cutoff", java.sql.Timestamp.from(retiredAfter))
			.query((rs, row) -> new StoredKey(parse(this.encryption.open(rs.getString("kid"), rs.getString("jwk"))),
					rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant()))
			.list();
	}

	boolean exists(String kid) {
		return this.jdbc.sql("select count(*) from signing_key where kid = :kid")
			.param("kid", kid)
			.query(Long.class)
			.single() > 0;
	}

	void insert(ECKey key) {
		this.jdbc.sql("insert into signing_key (kid, jwk) values (:kid, :jwk)")
			.param("kid", key.getKeyID())
			.param("jwk", this.encryption.seal(key.getKeyID(), key.toJSONString()))
			.update();
	}

	/** Seals keys stored before they were encrypted; returns how many. */
	int sealPlaintextKeys() {
		List<String[]> plain = this.jdbc.sql("select kid, jwk from signing_key")
			.query((rs, row) -> new String[] { rs.getString("kid"), rs.getString("jwk") })
			.list()
			.stream()
			.filter((row) -> !KeyEncryption.sealed(row[1]))
			.toList();
		for (String[] row : plain) {
			this.jdbc.sql("update signing_key set jwk = :jwk where kid = :kid")
				.param("kid", row[0])
				.param("jwk", this.encryption.seal(row[0], row[1]))
				.update();
		}
		return plain.size();
	}

	/** Retires every active key except the given one. */
	void retireAllBut(String kid) {
		this.jdbc.sql("update signing_key set retired_at = now() where retired_at is null and kid <> :kid")
			.param("kid", kid)
			.update();
	}

	private static ECKey parse(String jwk) {
		try {
			return ECKey.parse(jwk);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid EC JWK", ex);
		}
	}

	record StoredKey(ECKey key, Instant createdAt, Instant retiredAt) {
	}

}
