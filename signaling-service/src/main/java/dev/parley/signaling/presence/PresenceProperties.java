package dev.parley.signaling.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param nodeTtl how long a node's claim that a user is online lasts without renewal; a
 * crashed replica's users go offline within about this time (renewed every third of it)
 * @param handoverGrace how long a stopping replica's users stay online for their friends
 * while their clients reconnect to another replica; those who do not come back go offline
 * after it
 */
@ConfigurationProperties("parley.presence")
record PresenceProperties(Duration nodeTtl, Duration handoverGrace) {

	PresenceProperties {
		if (nodeTtl == null) {
			nodeTtl = Duration.ofSeconds(45);
		}
		if (handoverGrace == null) {
			handoverGrace = Duration.ofSeconds(10);
		}
	}

}
