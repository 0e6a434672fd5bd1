package dev.parley.platform.events;

import java.util.List;

/**
 * Events on {@link Topics#MESSAGE_EVENTS}. Each says what happened (its type) and who
 * must hear it: a list of {@link Delivery deliveries}, each a socket frame for a set of
 * users, and at most one {@link Reply} to the socket frame that caused it.
 * signaling-service carries them out without knowing the messaging rules.
 *
 * @param deliveries frames to push, in order
 * @param reply the answer to the client frame behind the event, or {@code null}
 */
public record MessageEvents(List<Delivery> deliveries, Reply reply) {

	/** A message was stored. */
	public static final String MESSAGE_CREATED = "message.created";

	/** A message was deleted for everyone, or hidden for one user. */
	public static final String MESSAGE_DELETED = "message.deleted";

	/** A message was edited. */
	public static final String MESSAGE_UPDATED = "message.updated";

	/** A message's reactions changed. */
	public static final String REACTION_UPDATED = "reaction.updated";

	/** A member's read position moved. */
	public static final String READ_UPDATED = "read.updated";

	/** A member muted or unmuted a conversation for themself. */
	public static final String CONVERSATION_MUTED = "conversation.muted";

	/** A member cleared a conversation for themself. */
	public static final String CONVERSATION_CLEARED = "conversation.cleared";

	/**
	 * A conversation was created or changed (title, members); members who left are told
	 * it is gone.
	 */
	public static final String CONVERSATION_UPDATED = "conversation.updated";

	/** Only an answer: a repeated send, or a refused command. */
	public static final String COMMAND_REPLIED = "command.replied";

	/**
	 * A frame of type {@code frame} with {@code data}, for every socket of every user in
	 * {@code to}.
	 */
	public record Delivery(String frame, List<String> to, Object data) {

	}

	/**
	 * The answer to one client frame: {@code ack} with {@code ack} as its data, or
	 * {@code error} with {@code code} and {@code message}.
	 */
	public record Reply(MessageCommands.Origin to, Object ack, String code, String message) {

		public static Reply ok(MessageCommands.Origin to, Object ack) {
			return new Reply(to, ack, null, null);
		}

		public static Reply error(MessageCommands.Origin to, String code, String message) {
			return new Reply(to, null, code, message);
		}

	}

}
