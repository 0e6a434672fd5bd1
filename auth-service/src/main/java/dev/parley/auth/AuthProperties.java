package dev.parley.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingJwk a private EC P-256 key as a JWK to sign with (e.g. from a secret
 * store); when unset, auth-service generates and rotates its own keys in its database
 * @param keyRotation how long one key signs before a new one takes over
 * @param accessTokenTtl how long an access token is valid
 */
@ConfigurationProperties("parley.auth")
public record AuthProperties(String signingJwk, @DefaultValue("30d") Duration keyRotation,
		@DefaultValue("15m") Duration accessTokenTtl) {

}
