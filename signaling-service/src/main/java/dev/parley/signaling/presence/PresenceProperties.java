package dev.parley.signaling.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param nodeTtl how long a node's claim that a user is online lasts without renewal; a
 * crashed replica's users go offline within about this time (renewed every third of it)
 */
@ConfigurationProperties("parley.presence")
record PresenceProperties(Duration nodeTtl) {

	PresenceProperties {
		if (nodeTtl == null) {
			nodeTtl = Duration.ofSeconds(45);
		}
	}

}
