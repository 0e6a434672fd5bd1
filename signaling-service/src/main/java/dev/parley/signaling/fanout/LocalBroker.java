package dev.parley.signaling.fanout;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A broker for one node and no Redis: frames go straight to this node's inbound for the
 * users it subscribed. For unit tests, and the reference for what a broker must do.
 */
public class LocalBroker implements Broker {

	private final Inbound inbound;

	private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

	public LocalBroker(Inbound inbound) {
		this.inbound = inbound;
	}

	@Override
	public void publish(String userId, String socketId, String frame) {
		if (this.subscribed.contains(userId)) {
			this.inbound.deliver(userId, socketId, frame);
		}
	}

	@Override
	public void subscribe(String userId) {
		this.subscribed.add(userId);
	}

	@Override
	public void unsubscribe(String userId) {
		this.subscribed.remove(userId);
	}

}
