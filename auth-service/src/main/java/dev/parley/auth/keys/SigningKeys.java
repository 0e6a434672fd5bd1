package dev.parley.auth.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.auth.AuthProperties;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign access tokens. The newest unretired key signs. Rotation adds a new
 * key and retires the old one, which stays published until the last token it signed has
 * expired, so verifiers never see an unknown signature. Replicas share keys through the
 * database.
 */
@Service
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final SigningKeyRepository repository;

	private final AuthProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	SigningKeys(SigningKeyRepository repository, AuthProperties properties, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Makes sure a signing key exists (the configured one, if any) before traffic
	 * arrives.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void ensureActiveKey() {
		this.transactions.executeWithoutResult((tx) -> ensureActiveKeyLocked());
	}

	private void ensureActiveKeyLocked() {
		this.repository.lock();
		int sealed = this.repository.sealPlaintextKeys();
		if (sealed > 0) {
			log.info("Encrypted {} signing keys stored before keys were encrypted", sealed);
		}
		if (this.properties.signingJwk() != null && !this.properties.signingJwk().isBlank()) {
			ECKey configured = parseConfigured(this.properties.signingJwk());
			if (!this.repository.exists(configured.getKeyID())) {
				this.repository.insert(configured);
				this.repository.retireAllBut(configured.getKeyID());
				log.info("Signing with the configured key {}", configured.getKeyID());
			}
			return;
		}
		List<SigningKeyRepository.StoredKey> keys = this.repository.publishable(now());
		if (keys.stream().noneMatch((k) -> k.retiredAt() == null)) {
			ECKey key = generate();
			this.repository.insert(key);
			log.info("Generated signing key {}", key.getKeyID());
		}
	}

	/** Rotates when the active key is older than the rotation period. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	public void rotateIfDue() {
		if (this.properties.signingJwk() != null && !this.properties.signingJwk().isBlank()) {
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.repository.lock();
			// Checked under the lock: of several replicas, only the first rotates.
			if (activeStoredKey().createdAt().plus(this.properties.keyRotation()).isBefore(now())) {
				rotateLocked();
			}
		});
	}

	/**
	 * Starts signing with a new key; the previous one stays published for a token
	 * lifetime.
	 */
	public ECKey rotate() {
		return this.transactions.execute((tx) -> {
			this.repository.lock();
			return rotateLocked();
		});
	}

	private ECKey rotateLocked() {
		ECKey key = generate();
		this.repository.insert(key);
		this.repository.retireAllBut(key.getKeyID());
		log.info("Rotated signing key; now signing with {}", key.getKeyID());
		return key;
	}

	/** The private key that signs new tokens. */
	public ECKey activeKey() {
		return activeStoredKey().key();
	}

	/** Public keys of every key whose tokens may still be valid. */
	public JWKSet publicKeys() {
		List<JWK> keys = this.repository.publishable(now().minus(this.properties.accessTokenTtl()))
			.stream()
			.map((k) -> (JWK) k.key().toPublicJWK())
			.toList();
		return new JWKSet(keys);
	}

	private SigningKeyRepository.StoredKey activeStoredKey() {
		return this.repository.publishable(now())
			.stream()
			.filter((k) -> k.retiredAt() == null)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No active signing key"));
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.issueTime(new java.util.Date())
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey parseConfigured(String jwk) {
		try {
			ECKey key = ECKey.parse(jwk);
			if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
				throw new IllegalStateException(
						"parley.auth.signing-jwk must be a private P-256 EC key with a kid (\"kid\", \"d\", \"crv\":\"P-256\")");
			}
			return key;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("parley.auth.signing-jwk is not a valid JWK", ex);
		}
	}

}
