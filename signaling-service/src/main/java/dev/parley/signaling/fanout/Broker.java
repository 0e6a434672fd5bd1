package dev.parley.signaling.fanout;

/**
 * Cross-node delivery: a frame published for a user reaches every node that subscribed to
 * that user (the nodes holding the user's sockets), which hand it to their
 * {@link dev.parley.signaling.socket.SessionHub}.
 */
public interface Broker {

	void publish(String userId, String frame);

	/** This node now holds a socket of the user. */
	void subscribe(String userId);

	/** This node no longer holds any socket of the user. */
	void unsubscribe(String userId);

}
