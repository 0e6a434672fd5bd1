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
 * @param maxSocketsPerUser how many sockets one user may hold on this replica (tabs and
 * devices); one more is closed with 4010
 * @param rates how many frames one socket may send
 */
@ConfigurationProperties("parley.socket")
record SocketProperties(Duration authTimeout, Integer maxSockets, Integer maxQueuedFrames, Duration idleTimeout,
		Integer maxUnansweredCommands, Duration unansweredTimeout, Integer maxSocketsPerUser, Rates rates) {

	SocketProperties {
		authTimeout = (authTimeout != null) ? authTimeout : Duration.ofSeconds(10);
		maxSockets = (maxSockets != null) ? maxSockets : 20_000;
		maxQueuedFrames = (maxQueuedFrames != null) ? maxQueuedFrames : 1_000;
		idleTimeout = (idleTimeout != null) ? idleTimeout : Duration.ofSeconds(120);
		maxUnansweredCommands = (maxUnansweredCommands != null) ? maxUnansweredCommands : 100;
		unansweredTimeout = (unansweredTimeout != null) ? unansweredTimeout : Duration.ofSeconds(30);
		maxSocketsPerUser = (maxSocketsPerUser != null) ? maxSocketsPerUser : 20;
		rates = (rates != null) ? rates : new Rates(null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Frames per second a socket may send, and how many at once (the burst), for typing,
	 * for sends, for changes to messages (edits, deletes and reactions, which fan out to
	 * every member with the whole message or all its reactions) and for every other
	 * frame; a socket refused more than {@code floodTolerance} frames within 10 s is
	 * closed with 4009.
	 */
	record Rates(Double typingPerSecond, Integer typingBurst, Double sendsPerSecond, Integer sendsBurst,
			Double changesPerSecond, Integer changesBurst, Double framesPerSecond, Integer framesBurst,
			Integer floodTolerance) {

		Rates {
			typingPerSecond = (typingPerSecond != null) ? typingPerSecond : 1.0;
			typingBurst = (typingBurst != null) ? typingBurst : 3;
			sendsPerSecond = (sendsPerSecond != null) ? sendsPerSecond : 20.0;
			sendsBurst = (sendsBurst != null) ? sendsBurst : 120;
			changesPerSecond = (changesPerSecond != null) ? changesPerSecond : 5.0;
			changesBurst = (changesBurst != null) ? changesBurst : 20;
			framesPerSecond = (framesPerSecond != null) ? framesPerSecond : 30.0;
			framesBurst = (framesBurst != null) ? framesBurst : 60;
			floodTolerance = (floodTolerance != null) ? floodTolerance : 100;
		}

	}

}
