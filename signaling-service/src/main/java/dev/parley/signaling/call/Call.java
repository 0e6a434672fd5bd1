package dev.parley.signaling.call;

import java.util.List;
import java.util.Map;

/**
 * A call as stored in Redis ({@code parley:call:<id>}), shared by every replica.
 *
 * @param id the call id the caller chose
 * @param state RINGING, ACTIVE, or how it ended (see {@link CallStore})
 * @param conversationId the direct conversation of the two
 * @param media {@code audio} or {@code video}
 * @param caller the caller's user id
 * @param callerSocket the caller's socket, empty while it is away (dropped, may rejoin)
 * @param callee the callee's user id
 * @param calleeSocket the socket that accepted, empty before that and while away
 * @param createdAt when it was placed (epoch ms)
 * @param acceptedAt when it was accepted (epoch ms), 0 before
 * @param connectedAt when both sides said their media connected (epoch ms), 0 before; in
 * a group call, when a second person joined
 * @param group whether it is a group call: then {@code callee} and the sockets are empty,
 * and its participants are kept apart ({@link CallStore#participants})
 * @param members in a group call, the group's members when it started (who hear of it)
 */
record Call(String id, String state, String conversationId, String media, String caller, String callerSocket,
		String callee, String calleeSocket, long createdAt, long acceptedAt, long connectedAt, boolean group,
		List<String> members) {

	static Call of(String id, Map<Object, Object> hash) {
		String members = text(hash, "members");
		return new Call(id, text(hash, "state"), text(hash, "conversationId"), text(hash, "media"),
				text(hash, "caller"), text(hash, "callerSocket"), text(hash, "callee"), text(hash, "calleeSocket"),
				number(hash, "createdAt"), number(hash, "acceptedAt"), number(hash, "connectedAt"),
				"1".equals(text(hash, "group")), members.isEmpty() ? List.of() : List.of(members.split(",")));
	}

	/** Whether the socket is one of the call's two ends. */
	boolean isEnd(String socketId) {
		return !socketId.isEmpty() && (socketId.equals(this.callerSocket) || socketId.equals(this.calleeSocket));
	}

	/** The user at the other end from the given socket's user. */
	String peerOf(String userId) {
		return userId.equals(this.caller) ? this.callee : this.caller;
	}

	/** The socket at the other end from the given user. */
	String peerSocketOf(String userId) {
		return userId.equals(this.caller) ? this.calleeSocket : this.callerSocket;
	}

	private static String text(Map<Object, Object> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? value.toString() : "";
	}

	private static long number(Map<Object, Object> hash, String field) {
		String value = text(hash, field);
		return value.isEmpty() ? 0 : Long.parseLong(value);
	}

}
