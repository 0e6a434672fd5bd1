package dev.parley.signaling.fanout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param probeInterval how often a node renews its heartbeat and probes its own channel
 * @param probeTimeout a node whose last probe came back longer ago than this is not
 * deliverable (health DOWN, new sockets refused)
 * @param shedAfter how long a node may stay undeliverable before it closes its sockets so
 * they reconnect to a healthy replica
 * @param nodeTtl how long a node's heartbeat lasts without renewal; publishers skip (and
 * forget) the routes of a node whose heartbeat expired
 */
@ConfigurationProperties("parley.fanout")
record FanoutProperties(Duration probeInterval, Duration probeTimeout, Duration shedAfter, Duration nodeTtl) {

	public FanoutProperties {
		probeInterval = (probeInterval != null) ? probeInterval : Duration.ofMillis(500);
		probeTimeout = (probeTimeout != null) ? probeTimeout : Duration.ofSeconds(2);
		shedAfter = (shedAfter != null) ? shedAfter : Duration.ofSeconds(5);
		nodeTtl = (nodeTtl != null) ? nodeTtl : Duration.ofSeconds(10);
	}

}
