package dev.parley.signaling.socket;

/** Told when sockets open and close on this node. */
public interface SocketListener {

	/**
	 * A socket opened; {@code first} when the user had no other socket on this node.
	 */
	void opened(ClientSocket socket, boolean first);

	/**
	 * A socket closed; {@code last} when the user has no other socket left on this node.
	 */
	void closed(ClientSocket socket, boolean last);

	/**
	 * This node is stopping and is about to close every socket so that its clients
	 * reconnect elsewhere; returns once the listener is ready for that.
	 */
	default void draining() {
	}

}
