package dev.parley.platform.security;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service verifies access tokens.
 *
 * @param jwksUri where auth-service publishes its public keys; an {@code lb://} URI is
 * resolved through the service registry
 * @param issuer the {@code iss} every token must carry
 * @param publicPaths request paths (Ant patterns) that need no token
 */
@ConfigurationProperties("parley.security")
public record SecurityProperties(URI jwksUri, String issuer, List<String> publicPaths) {

	public SecurityProperties {
		publicPaths = (publicPaths != null) ? List.copyOf(publicPaths) : List.of();
	}

	boolean jwksLoadBalanced() {
		return "lb".equals(this.jwksUri.getScheme());
	}

	/**
	 * The JWKS URI as an HTTP URI; a load-balanced client resolves its host as a service
	 * id.
	 */
	String jwksHttpUri() {
		return jwksLoadBalanced() ? "http" + this.jwksUri.toString().substring(2) : this.jwksUri.toString();
	}

}
