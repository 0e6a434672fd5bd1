package dev.parley.signaling.fanout;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker for one node and no Redis: frames go straight to this node's inbound for the
 * users it holds. For unit tests, and the reference for what a broker must do.
 */
public class LocalBroker implements Broker {

	private final Inbound inbound;

	private final Set<String> held = ConcurrentHashMap.newKeySet();

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
