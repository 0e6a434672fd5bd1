package dev.parley.signaling.socket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param authTimeout how long a socket opened without a token may take to send its
 * {@code auth} frame before it is closed with 4001
 */
@ConfigurationProperties("parley.socket")
record SocketProperties(Duration authTimeout) {

	SocketProperties {
		if (authTimeout == null) {
			authTimeout = Duration.ofSeconds(10);
		}
	}

}
