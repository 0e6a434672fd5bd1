package dev.parley.signaling.fanout;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code fanout} in the health: UP while this node's probes come back through Redis, so
 * the replica is taken out of rotation (and refuses sockets) while it cannot deliver.
 */
@Component
class FanoutHealthIndicator implements HealthIndicator {

	private final NodeLink link;

	FanoutHealthIndicator(NodeLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		Duration since = this.link.sinceLastProbe();
		Health.Builder health = this.link.deliverable() ? Health.up() : Health.down();
		health.withDetail("node", this.link.node());
		return health.withDetail("lastProbe", (since != null) ? since.toMillis() + " ms ago" : "never").build();
	}

}
