package dev.parley.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the gateway does to protect the services from the internet.
 *
 * @param trustedProxies addresses or CIDR ranges of proxies in front of the gateway (a
 * load balancer) whose {@code X-Forwarded-For} is believed; from anyone else it is
 * replaced by the connection's address
 * @param contentSecurityPolicy the CSP served with every response
 * @param bodyLimit the largest request body, except on the routes in
 * {@code largeBodyPaths}
 * @param largeBodyLimit the largest body on {@code largeBodyPaths} (uploads)
 * @param largeBodyPaths Ant patterns of the routes that take large bodies
 * @param rateLimits requests allowed per client address or per user, by route
 */
@ConfigurationProperties("parley.edge")
public record EdgeProperties(@DefaultValue List<String> trustedProxies, String contentSecurityPolicy,
		@DefaultValue("64KB") DataSize bodyLimit, @DefaultValue("26MB") DataSize largeBodyLimit,
		@DefaultValue("/api/media") List<String> largeBodyPaths, @DefaultValue List<RateLimit> rateLimits) {

	/**
	 * @param name what the limit is for, shown in the 429's detail and used in its Redis
	 * key
	 * @param per whose requests are counted
	 * @param methods HTTP methods counted (all when empty)
	 * @param paths Ant patterns of the paths counted
	 * @param limit requests allowed per window
	 * @param window the fixed window the requests are counted in
	 */
	public record RateLimit(String name, Per per, @DefaultValue List<String> methods, List<String> paths, int limit,
			Duration window) {
	}

	public enum Per {

		/** The client's address (for requests made before one has a token). */
		ADDRESS,
		/** The signed-in user, whatever their address. */
		USER

	}

}
