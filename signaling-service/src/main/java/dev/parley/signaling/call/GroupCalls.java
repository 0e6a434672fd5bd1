package dev.parley.signaling.call;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.events.MessageCommands.RecordCall;
import dev.parley.platform.protocol.Acks;
import dev.parley.platform.protocol.ErrorCode;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.messaging.ConversationMembers;
import dev.parley.signaling.socket.ClientSocket;
import dev.parley.signaling.socket.Frame;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Group calls: a mesh of one peer connection per pair of participants, whose signaling
 * goes from participant to participant ({@code to} / {@code from}). Any member starts
 * one; members ring for the ring timeout, then may still join while it lasts; it ends
 * when the last participant leaves (see docs/calls.md). {@link Calls} hands it the frames
 * of group calls.
 */
@Component
class GroupCalls {

	private final CallStore store;

	private final ConversationMembers members;

	private final Broker broker;

	private final JsonMapper json;

	private final CallProperties properties;

	private final CallRecords records;

	private final Clock clock;

	GroupCalls(CallStore store, ConversationMembers members, Broker broker, JsonMapper json, CallProperties properties,
			CallRecords records) {
		this.store = store;
		this.members = members;
		this.broker = broker;
		this.json = json;
		this.properties = properties;
		this.records = records;
		this.clock = Clock.systemUTC();
	}

	/** {@code call.invite} in a group: starts its call with the starter in it. */
	void start(ClientSocket socket, Frame.Inbound frame, String callId, ConversationMembers.Members group,
			String media) {
		long now = this.clock.millis();
		Call call = new Call(callId, "ACTIVE", group.conversationId(), media, socket.userId(), "", "", "", now, 0, 0,
				true, group.memberIds());
		switch (this.store.startGroup(call, socket.id(), now + this.properties.ringTimeout().toMillis())) {
			case "OK" -> {
				List<String> participants = List.of(socket.userId());
				socket.send(Frame.ack(frame.id(), new Acks.Call(callId)));
				List<String> others = others(call, socket.userId());
				this.broker.publish(List.of(
						Broker.Delivery.toAll(others,
								event(FrameType.CALL_INCOMING,
										new ServerData.CallIncoming(callId, call.conversationId(),
												new ServerData.Caller(socket.userId()), media, true, participants))),
						Broker.Delivery.allBut(socket.userId(), socket.id(), joined(call, socket.userId()))));
			}
			case "IN_PROGRESS" -> socket.send(Frame.error(frame.id(), ErrorCode.CALL_IN_PROGRESS,
					"A call is already going on in this group: join it."));
			case "SELF_BUSY" -> socket
				.send(Frame.error(frame.id(), ErrorCode.ALREADY_IN_CALL, "You are already in a call. Hang up first."));
			default ->
				socket.send(Frame.error(frame.id(), ErrorCode.CALL_EXISTS, "This callId is taken; choose a new one."));
		}
	}

	/**
	 * {@code call.join} (or {@code call.accept}): into the call, if the user is still a
	 * member of the group and it has room; the ack names who is in it, and the one who
	 * joins offers to each of them. A socket of a participant whose socket dropped takes
	 * their place back, and one of their other sockets takes it over (that one is told
	 * {@code call.answered_elsewhere}): either way the others hear that they joined, and
	 * make new peer connections with them.
	 */
	void join(ClientSocket socket, Frame.Inbound frame, Call call) {
		try {
			this.members.forCall(socket.userId(), socket.token(), call.conversationId());
		}
		catch (ConversationMembers.Refused ex) {
			socket.send(Frame.error(frame.id(), ex.code(), ex.getMessage()));
			return;
		}
		catch (RestClientException ex) {
			socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE,
					"Calls are unavailable right now. Try again shortly."));
			return;
		}
		String[] result = this.store
			.join(call.id(), socket.userId(), socket.id(), this.clock.millis(), this.properties.groupLimit())
			.split(" ");
		String outcome = result[0].startsWith("MOVED:") ? "MOVED" : result[0];
		switch (outcome) {
			case "OK", "BACK", "MOVED" -> {
				List<String> participants = Arrays.asList(result).subList(1, result.length);
				socket.send(Frame.ack(frame.id(),
						new Acks.CallJoined(call.id(), call.conversationId(), call.media(), participants)));
				if ("MOVED".equals(outcome)) {
					this.broker.publish(socket.userId(), result[0].substring("MOVED:".length()),
							event(FrameType.CALL_ANSWERED_ELSEWHERE, new ServerData.CallId(call.id())));
				}
				toMembers(call, socket, joined(call, socket.userId()));
			}
			case "FULL" -> socket.send(Frame.error(frame.id(), ErrorCode.CALL_FULL,
					"This call is full: it has " + this.properties.groupLimit() + " people."));
			case "SELF_BUSY" -> socket
				.send(Frame.error(frame.id(), ErrorCode.ALREADY_IN_CALL, "You are already in a call. Hang up first."));
			default -> socket.send(Frame.error(frame.id(), ErrorCode.CALL_ENDED, "This call is over."));
		}
	}

	/**
	 * {@code call.leave} (or {@code call.hangup}, {@code call.cancel}): out of the call;
	 * the last one out ends it.
	 */
	void leave(ClientSocket socket, Frame.Inbound frame, Call call) {
		String result = this.store.leave(call, socket.userId(), socket.id(), this.clock.millis());
		switch (result) {
			case "LEFT", "ENDED" -> {
				long duration = durationSeconds(call);
				socket.send(Frame.ack(frame.id(), new Acks.HungUp(call.id(), duration)));
				left(call, socket.userId(), socket.id(), "ENDED".equals(result) ? duration : -1);
			}
			case "NOT_IN" -> socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "You are not in this call."));
			default -> socket.send(Frame.error(frame.id(), ErrorCode.CALL_ENDED, "This call is over."));
		}
	}

	/**
	 * {@code call.reject}: this member will not join now; their other devices stop
	 * ringing. The call goes on.
	 */
	void decline(ClientSocket socket, Frame.Inbound frame, Call call) {
		socket.send(Frame.ack(frame.id(), new Acks.Call(call.id())));
		this.broker.publish(List.of(Broker.Delivery.allBut(socket.userId(), socket.id(),
				event(FrameType.CALL_ANSWERED_ELSEWHERE, new ServerData.CallId(call.id())))));
	}

	/** {@code call.media} (its booleans checked): to every other participant. */
	void media(ClientSocket socket, Frame.Inbound frame, Call call) {
		Map<String, String> participants = seated(socket, frame, call);
		if (participants == null) {
			return;
		}
		String media = event(FrameType.CALL_MEDIA,
				new ServerData.CallMedia(call.id(), socket.userId(), frame.data().path("audio").asBoolean(),
						frame.data().path("video").asBoolean(), frame.data().path("screen").asBoolean(false)));
		List<Broker.Delivery> deliveries = new ArrayList<>();
		participants.forEach((user, seat) -> {
			if (!user.equals(socket.userId()) && !seat.isEmpty()) {
				deliveries.add(new Broker.Delivery(List.of(user), seat, media));
			}
		});
		if (!deliveries.isEmpty()) {
			this.broker.publish(deliveries);
		}
		socket.send(Frame.ack(frame.id(), new Acks.Call(call.id())));
	}

	/**
	 * {@code rtc.offer}, {@code rtc.answer}, {@code rtc.ice}: from a participant to the
	 * participant {@code to}, who gets it with {@code from} (nothing while their socket
	 * is away).
	 */
	void relay(ClientSocket socket, Frame.Inbound frame, Call call, Object data) {
		String to = frame.text("to");
		if (!Frame.isUuid(to) || to.equals(socket.userId())) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					frame.type() + " in a group call needs data.to, the participant it is for."));
			return;
		}
		Map<String, String> participants = seated(socket, frame, call);
		if (participants == null) {
			return;
		}
		String seat = participants.get(to);
		if (seat == null) {
			socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "They are not in this call."));
			return;
		}
		if (!seat.isEmpty()) {
			this.broker.publish(to, seat, event(frame.kind(), data));
		}
		socket.send(Frame.ack(frame.id(), new Acks.Call(call.id())));
	}

	/**
	 * The participants, if the socket is one of them (a socket of a participant whose
	 * socket dropped takes its place back); else answers the frame and gives null.
	 */
	private Map<String, String> seated(ClientSocket socket, Frame.Inbound frame, Call call) {
		Map<String, String> participants = this.store.participants(call.id());
		String seat = participants.get(socket.userId());
		if (seat != null && seat.isEmpty()
				&& this.store.takeBack(call.id(), socket.userId(), socket.id(), this.clock.millis())
					.startsWith("BACK")) {
			participants.put(socket.userId(), socket.id());
			return participants;
		}
		if (seat == null || !seat.equals(socket.id())) {
			socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "This device is not in the call."));
			return null;
		}
		return participants;
	}

	/**
	 * The group's call in progress, as {@code GET /api/calls} shows it, if the user may
	 * see it (a member, asked of message-service).
	 */
	Optional<GroupCall> inProgress(String user, String token, String conversationId) {
		this.members.forCall(user, token, conversationId);
		return this.store.groupCallOf(conversationId)
			.flatMap(this.store::find)
			.filter((call) -> call.group() && "ACTIVE".equals(call.state()))
			.map((call) -> new GroupCall(call.id(), call.conversationId(), call.media(), call.caller(),
					Instant.ofEpochMilli(call.createdAt()), List.copyOf(this.store.participants(call.id()).keySet())));
	}

	/**
	 * A group call in progress: who started it and when, and who is in it now.
	 */
	record GroupCall(String callId, String conversationId, String media, String startedBy, Instant startedAt,
			List<String> participants) {
	}

	/** A participant's socket closed: their place waits for the rejoin grace. */
	void away(Call call, ClientSocket socket) {
		this.store.awayFromGroup(call.id(), socket.userId(), socket.id(),
				this.clock.millis() + this.properties.rejoinGrace().toMillis());
	}

	/**
	 * A deadline of the call: {@code ring} (members who have not joined stop ringing) or
	 * {@code rejoin|<userId>} (that participant did not come back: they left).
	 */
	void expire(Call call, String what) {
		if ("ring".equals(what)) {
			Map<String, String> participants = this.store.participants(call.id());
			List<String> ringing = call.members()
				.stream()
				.filter((member) -> !participants.containsKey(member))
				.toList();
			if (!ringing.isEmpty()) {
				this.broker.publish(ringing,
						event(FrameType.CALL_CANCELLED, new ServerData.CallCancelled(call.id(), "missed")));
			}
			return;
		}
		if (what.startsWith("rejoin|")) {
			String user = what.substring("rejoin|".length());
			String result = this.store.leave(call, user, "", this.clock.millis());
			if ("LEFT".equals(result) || "ENDED".equals(result)) {
				left(call, user, "", "ENDED".equals(result) ? durationSeconds(call) : -1);
			}
		}
	}

	/**
	 * {@code call.participant.left} to the members; when the call ended (its
	 * {@code duration} in seconds given, else -1), {@code call.ended} too, and its
	 * record.
	 */
	private void left(Call call, String user, String socketId, long duration) {
		toMembers(call, user, socketId, event(FrameType.CALL_PARTICIPANT_LEFT,
				new ServerData.CallParticipant(call.id(), call.conversationId(), user)));
		if (duration < 0) {
			return;
		}
		List<String> joined = this.store.joined(call.id()).stream().sorted().toList();
		String outcome = (joined.size() > 1) ? "completed" : "missed";
		this.broker.publish(call.members(),
				event(FrameType.CALL_ENDED, new ServerData.CallEnded(call.id(), outcome, duration)));
		this.records.record(new RecordCall(call.conversationId(), call.id(), call.caller(), null, call.media(), outcome,
				"completed".equals(outcome) ? duration : 0, joined));
	}

	/** How long the call has had two or more people (0 if it never had). */
	private long durationSeconds(Call call) {
		Optional<Call> now = this.store.find(call.id());
		long from = now.map(Call::connectedAt).orElse(call.connectedAt());
		return (from > 0) ? Math.max(0, (this.clock.millis() - from) / 1000) : 0;
	}

	private String joined(Call call, String user) {
		return event(FrameType.CALL_PARTICIPANT_JOINED,
				new ServerData.CallParticipant(call.id(), call.conversationId(), user));
	}

	/** To every member's sockets but the one that acted. */
	private void toMembers(Call call, ClientSocket socket, String frame) {
		toMembers(call, socket.userId(), socket.id(), frame);
	}

	private void toMembers(Call call, String user, String socketId, String frame) {
		List<Broker.Delivery> deliveries = new ArrayList<>();
		List<String> others = others(call, user);
		if (!others.isEmpty()) {
			deliveries.add(Broker.Delivery.toAll(others, frame));
		}
		deliveries.add(socketId.isEmpty() ? Broker.Delivery.toAll(List.of(user), frame)
				: Broker.Delivery.allBut(user, socketId, frame));
		this.broker.publish(deliveries);
	}

	private static List<String> others(Call call, String user) {
		return call.members().stream().filter((member) -> !member.equals(user)).toList();
	}

	private String event(FrameType type, Object data) {
		return this.json.writeValueAsString(Frame.event(type, data));
	}

}
