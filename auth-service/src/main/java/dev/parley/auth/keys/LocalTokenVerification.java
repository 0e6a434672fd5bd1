package dev.parley.auth.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.parley.platform.security.SecurityProperties;
import dev.parley.platform.security.Tokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * auth-service verifies tokens against its own key table instead of fetching its own JWKS
 * over HTTP; the rules are the platform's.
 */
@Configuration(proxyBeanMethods = false)
class LocalTokenVerification {

	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, SecurityProperties properties) {
		JWKSource<SecurityContext> source = (JWKSelector selector, SecurityContext context) -> selector
			.select(keys.publicKeys());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(Tokens.validator(properties.issuer()));
		return decoder;
	}

}
