package dev.parley.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.parley.auth.AuthProperties;
import dev.parley.auth.account.Account;
import dev.parley.auth.keys.SigningKeys;
import dev.parley.platform.security.Revocations;
import dev.parley.platform.security.SecurityProperties;
import dev.parley.platform.security.Tokens;

import org.springframework.stereotype.Component;

/**
 * Access tokens: ES256 JWTs signed with the active key, {@code sub} = user id,
 * short-lived.
 */
@Component
class AccessTokens {

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final String issuer;

	private final Clock clock;

	AccessTokens(SigningKeys keys, AuthProperties properties, SecurityProperties security, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.issuer = security.issuer();
		this.clock = clock;
	}

	/** {@code session}: the sign-in (refresh-token family) the token belongs to. */
	String issue(Account account, UUID session) {
		ECKey key = this.keys.activeKey();
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(account.id().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.accessTokenTtl())))
			.jwtID(UUID.randomUUID().toString())
			.claim(Tokens.TOKEN_USE_CLAIM, Tokens.ACCESS)
			.claim(Revocations.SESSION_CLAIM, session.toString())
			.claim("preferred_username", account.username())
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing an access token failed", ex);
		}
	}

	long ttlSeconds() {
		return this.properties.accessTokenTtl().toSeconds();
	}

}
