package dev.parley.signaling.fanout;

/**
 * Another Redis channel this node listens on, beside its own frames: subscribed by the
 * node's one listener container, so it is re-subscribed with it after a lost connection,
 * and a gap in it is healed like a gap in the frames (every socket here resyncs).
 */
public interface NodeChannel {

	String channel();

	void onMessage(String message);

}
