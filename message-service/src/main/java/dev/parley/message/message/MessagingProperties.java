package dev.parley.message.message;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param editWindow how long after sending a message its sender may edit it
 */
@ConfigurationProperties("parley.messaging")
record MessagingProperties(Duration editWindow) {

	MessagingProperties {
		if (editWindow == null) {
			editWindow = Duration.ofHours(24);
		}
	}

}
