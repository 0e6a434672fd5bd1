package dev.parley.signaling.fanout;

/**
 * Cross-node delivery: a frame published for a user reaches every node that subscribed to
 * that user (the nodes holding the user's sockets), which hand it to their
 * {@link Inbound} (the node's {@link dev.parley.signaling.socket.SessionHub}).
 */
public interface Broker {

	/** For every socket of the user, on any node. */
	default void publish(String userId, String frame) {
		publish(userId, null, frame);
	}

	/**
	 * For one socket of the user ({@code socketId}), or all of them when it is
	 * {@code null}.
	 */
	void publish(String userId, String socketId, String frame);

	/** This node now holds a socket of the user. */
	void subscribe(String userId);

	/** This node no longer holds any socket of the user. */
	void unsubscribe(String userId);

	/** Where a node's broker hands the frames for its subscribed users. */
	interface Inbound {

		void deliver(String userId, String socketId, String frame);

	}

}
