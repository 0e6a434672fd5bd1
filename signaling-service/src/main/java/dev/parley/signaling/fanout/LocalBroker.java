package dev.parley.signaling.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker for one node and no Redis: frames go straight to this node's inbound for the
 * users it holds. For unit tests, and the reference for what a broker must do.
 */
public class LocalBroker implements Broker {

	private final Inbound inbound;

	private final Set<String> held = ConcurrentHashMap.newKeySet();

	/** The keys of {@link #publishOnce}, until when each is kept. */
	private final Map<String, Instant> sent = new ConcurrentHashMap<>();

	public LocalBroker(Inbound inbound) {
		this.inbound = inbound;
	}

	@Override
	public void publish(List<Delivery> deliveries) {
		for (Delivery delivery : deliveries) {
			for (String userId : delivery.userIds()) {
				if (this.held.contains(userId)) {
					this.inbound.deliver(userId, delivery.socketId(), delivery.frame());
				}
			}
		}
	}

	@Override
	public boolean[] publishOnce(Duration keep, List<Once> groups) {
		boolean[] first = new boolean[groups.size()];
		for (int i = 0; i < first.length; i++) {
			Instant now = Instant.now();
			boolean[] fresh = { false };
			this.sent.compute(groups.get(i).key(), (key, until) -> {
				if (until != null && until.isAfter(now)) {
					return until;
				}
				fresh[0] = true;
				return now.plus(keep);
			});
			first[i] = fresh[0];
			if (first[i]) {
				publish(groups.get(i).deliveries());
			}
		}
		return first;
	}

	@Override
	public boolean reachable(String userId) {
		return this.held.contains(userId);
	}

	@Override
	public void hold(String userId) {
		this.held.add(userId);
	}

	@Override
	public void release(String userId) {
		this.held.remove(userId);
	}

	@Override
	public boolean deliverable() {
		return true;
	}

}
