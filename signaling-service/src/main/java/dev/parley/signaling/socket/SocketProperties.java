package dev.parley.signaling.socket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param authTimeout how long a socket opened without a token may take to send its
 * {@code auth} frame before it is closed with 4001
 * @param maxSockets how many sockets this replica holds; one more is closed with 4029
 * @param maxQueuedFrames how many frames may wait for a slow client before its socket is
 * closed with 4008
 * @param idleTimeout an authenticated socket that sends nothing (not even a {@code ping})
 * for this long is closed with 1001
 * @param maxUnansweredCommands how many commands of one socket may wait for
 * message-service's answer; more are answered {@code UNAVAILABLE} with a retry hint
 * (message-service is down or slow)
 * @param unansweredTimeout how long a command counts as waiting (the client has given up
 * on it and will send it again)
 */
@ConfigurationProperties("parley.socket")
record SocketProperties(Duration authTimeout, Integer maxSockets, Integer maxQueuedFrames, Duration idleTimeout,
		Integer maxUnansweredCommands, Duration unansweredTimeout) {

	SocketProperties {
		authTimeout = (authTimeout != null) ? authTimeout : Duration.ofSeconds(10);
		maxSockets = (maxSockets != null) ? maxSockets : 20_000;
		maxQueuedFrames = (maxQueuedFrames != null) ? maxQueuedFrames : 1_000;
		idleTimeout = (idleTimeout != null) ? idleTimeout : Duration.ofSeconds(120);
		maxUnansweredCommands = (maxUnansweredCommands != null) ? maxUnansweredCommands : 100;
		unansweredTimeout = (unansweredTimeout != null) ? unansweredTimeout : Duration.ofSeconds(30);
	}

}
