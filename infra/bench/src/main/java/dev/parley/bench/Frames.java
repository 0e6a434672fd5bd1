package dev.parley.bench;

/**
 * The client frames the bench sends, written by hand: every value in them is an id or a
 * short ASCII text, so nothing needs escaping, and the send path stays cheap.
 */
final class Frames {

	private Frames() {
	}

	/** A {@code message.send}; its frame id is its {@code clientMessageId}. */
	static String send(String clientMessageId, String conversationId, String text) {
		return "{\"type\":\"message.send\",\"id\":\"" + clientMessageId + "\",\"data\":{\"conversationId\":\""
				+ conversationId + "\",\"clientMessageId\":\"" + clientMessageId + "\",\"text\":\"" + text + "\"}}";
	}

	static String ping(String id) {
		return "{\"type\":\"ping\",\"id\":\"" + id + "\"}";
	}

}
