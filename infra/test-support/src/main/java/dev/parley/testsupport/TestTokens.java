package dev.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import dev.parley.embedded.Ports;

/**
 * Access tokens for tests, signed with a key whose JWKS is served over real HTTP on
 * loopback, so services verify them exactly as they verify auth-service's tokens. Also
 * makes the bad tokens that must be refused.
 */
public final class TestTokens {

	public static final String ISSUER = "parley";

	private static TestTokens instance;

	private final ECKey key;

	private final String jwksUri;

	private TestTokens(ECKey key, String jwksUri) {
		this.key = key;
		this.jwksUri = jwksUri;
	}

	public static synchronized TestTokens get() {
		if (instance == null) {
			ECKey key = newKey("test-" + UUID.randomUUID());
			instance = new TestTokens(key, serveJwks(new JWKSet(key.toPublicJWK()).toString()));
		}
		return instance;
	}

	public static ECKey newKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String jwksUri() {
		return this.jwksUri;
	}

	/**
	 * The private signing key as a JWK, for a process that must sign with the same key.
	 */
	public String privateJwk() {
		return this.key.toJSONString();
	}

	/** A valid 15-minute access token for the user. */
	public String accessToken(String userId) {
		return sign(this.key, claims(userId, Duration.ofMinutes(15)));
	}

	/** Any claims, signed with the trusted key. */
	public String signed(JWTClaimsSet claims) {
		return sign(this.key, claims);
	}

	public String expired(String userId) {
		return sign(this.key, claims(userId, Duration.ofMinutes(-5)));
	}

	/** Same kid, different key: the signature cannot verify. */
	public String wrongSignature(String userId) {
		return sign(newKey(this.key.getKeyID()), claims(userId, Duration.ofMinutes(15)));
	}

	/** An unsecured JWT ({@code alg: none}). */
	public String unsigned(String userId) {
		return new PlainJWT(new PlainHeader.Builder().build(), claims(userId, Duration.ofMinutes(15))).serialize();
	}

	/** A valid token whose payload was changed after signing (another subject). */
	public String tampered(String userId, String otherUserId) {
		String[] parts = accessToken(userId).split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(userId, otherUserId);
		parts[1] = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		return String.join(".", parts);
	}

	public static JWTClaimsSet claims(String userId, Duration validFor) {
		Instant now = Instant.now();
		Instant issuedAt = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(15)) : now;
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(userId)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(now.plus(validFor)))
			.jwtID(UUID.randomUUID().toString())
			.claim("token_use", "access")
			.build();
	}

	public static String sign(ECKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String serveJwks(String jwks) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 0);
			byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort() + "/.well-known/jwks.json";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
