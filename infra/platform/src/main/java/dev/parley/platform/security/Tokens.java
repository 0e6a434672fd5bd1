package dev.parley.platform.security;

import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The rules every Parley access token meets, shared by the gateway and the services.
 */
public final class Tokens {

	/**
	 * Access tokens are ES256 JWTs; anything else (including {@code alg: none}) is
	 * refused.
	 */
	public static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.ES256;

	/**
	 * The {@code token_use} claim that tells access tokens apart from any other JWT we
	 * might sign.
	 */
	public static final String TOKEN_USE_CLAIM = "token_use";

	public static final String ACCESS = "access";

	private Tokens() {
	}

	public static OAuth2TokenValidator<Jwt> validator(String issuer) {
		return new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()),
				new JwtClaimValidator<String>(TOKEN_USE_CLAIM, ACCESS::equals)));
	}

}
