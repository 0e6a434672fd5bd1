package dev.parley.signaling.fanout;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Cross-node delivery: a frame published for a user reaches every node that holds a
 * socket of that user, which hands it to its {@link Inbound} (the node's
 * {@link dev.parley.signaling.socket.SessionHub}). No socket's arrival or departure can
 * break delivery for anyone else: a node says which users it holds, it never changes a
 * subscription per socket.
 */
public interface Broker {

	/** For every socket of the user, on any node. */
	default void publish(String userId, String frame) {
		publish(List.of(Delivery.toAll(List.of(userId), frame)));
	}

	/** For every socket of each of the users. */
	default void publish(Collection<String> userIds, String frame) {
		publish(List.of(Delivery.toAll(userIds, frame)));
	}

	/** For one socket of the user ({@code socketId}), wherever it is. */
	default void publish(String userId, String socketId, String frame) {
		publish(List.of(new Delivery(List.of(userId), socketId, frame)));
	}

	/**
	 * Several deliveries at once, in this order (one round trip where the broker can).
	 */
	void publish(List<Delivery> deliveries);

	/**
	 * Groups of deliveries, each sent at most once per key: the first publish under a key
	 * sends its group and notes the key for {@code keep}; a publish under a noted key
	 * sends nothing. Noting and sending are one step: a node that dies during a publish
	 * has either sent a group and noted its key, or done neither, so whoever publishes it
	 * again sends it. Returns, for each group, whether this publish sent it.
	 */
	boolean[] publishOnce(Duration keep, List<Once> groups);

	/** Whether the user has a socket on some node that frames reach now. */
	boolean reachable(String userId);

	/** This node now holds a socket of the user (its first one here). */
	void hold(String userId);

	/** This node no longer holds any socket of the user. */
	void release(String userId);

	/**
	 * Whether frames published now reach this node. While they do not, it takes no new
	 * sockets.
	 */
	boolean deliverable();

	/**
	 * A frame for the sockets of some users, or only for socket {@code socketId} of them,
	 * or ({@link #allBut}) for all their sockets but that one.
	 */
	record Delivery(Collection<String> userIds, String socketId, String frame) {

		/** Marks a {@code socketId} as the one socket left out. */
		public static final String ALL_BUT = "!";

		public static Delivery toAll(Collection<String> userIds, String frame) {
			return new Delivery(userIds, null, frame);
		}

		/** For every socket of the user except {@code socketId}. */
		public static Delivery allBut(String userId, String socketId, String frame) {
			return new Delivery(List.of(userId), ALL_BUT + socketId, frame);
		}

	}

	/** Deliveries sent together, at most once under {@code key}. */
	record Once(String key, List<Delivery> deliveries) {

	}

	/** Where a node's broker hands the frames for the users it holds. */
	interface Inbound {

		void deliver(String userId, String socketId, String frame);

		/**
		 * Frames for this node may have been lost (the broker's connection broke): every
		 * local socket must reconnect and catch up.
		 */
		void resync();

		/** The users with at least one socket on this node. */
		List<String> users();

	}

}
