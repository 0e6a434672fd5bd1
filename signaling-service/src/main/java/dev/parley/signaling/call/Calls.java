package dev.parley.signaling.call;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
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
import dev.parley.signaling.socket.FrameHandler;
import dev.parley.signaling.socket.SocketListener;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Calls: the frames {@code call.*} and {@code rtc.*}, the state of each call in
 * {@link CallStore} (shared by the replicas), and its deadlines (see docs/calls.md). This
 * class carries out one-to-one calls and hands the frames of group calls to
 * {@link GroupCalls}. Signaling frames of a one-to-one call go only between its two ends:
 * the caller's socket and the socket that accepted; every frame to another socket goes
 * through the {@link Broker}, so the two ends may be on different replicas.
 */
@Component
@EnableConfigurationProperties(CallProperties.class)
class Calls implements FrameHandler, SocketListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Calls.class);

	private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

	private final CallStore store;

	private final ConversationMembers members;

	private final Broker broker;

	private final JsonMapper json;

	private final CallProperties properties;

	private final Clock clock;

	private final CallRecords records;

	private final GroupCalls groups;

	private volatile ScheduledExecutorService deadlines;

	Calls(CallStore store, ConversationMembers members, Broker broker, JsonMapper json, CallProperties properties,
			CallRecords records, GroupCalls groups) {
		this.store = store;
		this.members = members;
		this.broker = broker;
		this.json = json;
		this.properties = properties;
		this.records = records;
		this.groups = groups;
		this.clock = Clock.systemUTC();
	}

	@Override
	public Set<FrameType> types() {
		return Set.of(FrameType.CALL_INVITE, FrameType.CALL_ACCEPT, FrameType.CALL_REJECT, FrameType.CALL_CANCEL,
				FrameType.CALL_HANGUP, FrameType.CALL_JOIN, FrameType.CALL_LEAVE, FrameType.CALL_MEDIA,
				FrameType.RTC_OFFER, FrameType.RTC_ANSWER, FrameType.RTC_ICE);
	}

	@Override
	public void handle(ClientSocket socket, Frame.Inbound frame) {
		String callId = frame.text("callId");
		if (callId == null || !CALL_ID.matcher(callId).matches()) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					"data.callId must be 8 to 64 letters, digits, '-' or '_'."));
			return;
		}
		if (frame.kind() == FrameType.CALL_INVITE) {
			invite(socket, frame, callId);
			return;
		}
		Optional<Call> found = this.store.find(callId);
		if (found.isEmpty()) {
			socket.send(Frame.error(frame.id(), ErrorCode.CALL_NOT_FOUND, "There is no such call."));
			return;
		}
		Call call = found.get();
		if (call.group()) {
			group(socket, frame, call);
			return;
		}
		if (!socket.userId().equals(call.caller()) && !socket.userId().equals(call.callee())) {
			socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "You are not in this call."));
			return;
		}
		switch (frame.kind()) {
			case CALL_ACCEPT, CALL_JOIN -> accept(socket, frame, call);
			case CALL_REJECT -> reject(socket, frame, call);
			case CALL_CANCEL -> cancel(socket, frame, call);
			case CALL_HANGUP, CALL_LEAVE -> hangup(socket, frame, call);
			case CALL_MEDIA -> media(socket, frame, call);
			default -> relay(socket, frame, call);
		}
	}

	/**
	 * A frame of a group call, carried out by {@link GroupCalls}: only the group's
	 * members when it started take part in it, and those who join it (a member added
	 * since, whom the join checks with message-service).
	 */
	private void group(ClientSocket socket, Frame.Inbound frame, Call call) {
		boolean joining = frame.kind() == FrameType.CALL_JOIN || frame.kind() == FrameType.CALL_ACCEPT;
		if (!joining && !call.members().contains(socket.userId())) {
			socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "You are not in this call."));
			return;
		}
		switch (frame.kind()) {
			case CALL_ACCEPT, CALL_JOIN -> this.groups.join(socket, frame, call);
			case CALL_REJECT -> this.groups.decline(socket, frame, call);
			case CALL_CANCEL, CALL_HANGUP, CALL_LEAVE -> this.groups.leave(socket, frame, call);
			case CALL_MEDIA -> {
				if (mediaValid(socket, frame)) {
					this.groups.media(socket, frame, call);
				}
			}
			default -> {
				Object data = relayed(socket, frame, call);
				if (data != null) {
					this.groups.relay(socket, frame, call, data);
				}
			}
		}
	}

	private void invite(ClientSocket socket, Frame.Inbound frame, String callId) {
		String conversationId = frame.text("conversationId");
		String callee = frame.text("calleeId");
		String media = frame.text("media");
		if (!Frame.isUuid(conversationId) || (callee != null && !Frame.isUuid(callee))
				|| !("audio".equals(media) || "video".equals(media))) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					"call.invite needs data {callId, conversationId, calleeId (not in a group), media: audio|video}."));
			return;
		}
		try {
			ConversationMembers.Members conversation = this.members.forCall(socket.userId(), socket.token(),
					conversationId);
			if (conversation.isGroup()) {
				if (callee != null) {
					socket.send(Frame.error(frame.id(), ErrorCode.NOT_DIRECT,
							"A group call has no callee: leave calleeId out, and the whole group rings."));
					return;
				}
				this.groups.start(socket, frame, callId, conversation, media);
				return;
			}
			if (callee == null || callee.equals(socket.userId()) || !conversation.memberIds().contains(callee)) {
				socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
						"calleeId must be the other person of the conversation."));
				return;
			}
		}
		catch (ConversationMembers.Refused ex) {
			socket.send(Frame.error(frame.id(), ex.code(), ex.getMessage()));
			return;
		}
		catch (RestClientException ex) {
			log.warn("Could not check a call's conversation: {}", ex.getMessage());
			socket.send(Frame.error(frame.id(), ErrorCode.UNAVAILABLE,
					"Calls are unavailable right now. Try again shortly."));
			return;
		}
		if (this.store.callOf(socket.userId()).isPresent()) {
			socket
				.send(Frame.error(frame.id(), ErrorCode.ALREADY_IN_CALL, "You are already in a call. Hang up first."));
			return;
		}
		if (!this.broker.reachable(callee)) {
			ack(socket, frame, callId);
			socket.send(Frame.event(FrameType.CALL_REJECTED, new ServerData.CallRejected(callId, "unavailable")));
			this.records
				.record(new RecordCall(conversationId, callId, socket.userId(), callee, media, "missed", 0, null));
			return;
		}
		long now = this.clock.millis();
		String placed = this.store.invite(callId, conversationId, media, socket.userId(), socket.id(), callee, now,
				now + this.properties.ringTimeout().toMillis());
		switch (placed) {
			case "OK" -> {
				ack(socket, frame, callId);
				this.broker.publish(callee,
						event(FrameType.CALL_INCOMING, new ServerData.CallIncoming(callId, conversationId,
								new ServerData.Caller(socket.userId()), media, false, List.of(socket.userId()))));
				socket.send(Frame.event(FrameType.CALL_RINGING, new ServerData.CallId(callId)));
				this.broker.publish(List.of(Broker.Delivery.allBut(socket.userId(), socket.id(),
						elsewhere(callId, conversationId, callee, "ringing"))));
			}
			case "BUSY" -> {
				ack(socket, frame, callId);
				socket.send(Frame.event(FrameType.CALL_REJECTED, new ServerData.CallRejected(callId, "busy")));
				this.records
					.record(new RecordCall(conversationId, callId, socket.userId(), callee, media, "busy", 0, null));
			}
			case "SELF_BUSY" -> socket
				.send(Frame.error(frame.id(), ErrorCode.ALREADY_IN_CALL, "You are already in a call. Hang up first."));
			default ->
				socket.send(Frame.error(frame.id(), ErrorCode.CALL_EXISTS, "This callId is taken; choose a new one."));
		}
	}

	private void accept(ClientSocket socket, Frame.Inbound frame, Call call) {
		long now = this.clock.millis();
		String result = this.store.accept(call.id(), socket.userId(), socket.id(), now,
				now + this.properties.connectTimeout().toMillis());
		switch (result) {
			case "OK" -> {
				ack(socket, frame, call.id());
				this.broker.publish(call.caller(), call.callerSocket(),
						event(FrameType.CALL_ACCEPTED, new ServerData.CallId(call.id())));
				this.broker.publish(List.of(
						Broker.Delivery.allBut(call.callee(), socket.id(),
								event(FrameType.CALL_ANSWERED_ELSEWHERE, new ServerData.CallId(call.id()))),
						Broker.Delivery.allBut(call.callee(), socket.id(),
								elsewhere(call.id(), call.conversationId(), call.caller(), "active")),
						Broker.Delivery.allBut(call.caller(), call.callerSocket(),
								elsewhere(call.id(), call.conversationId(), call.callee(), "active"))));
			}
			case "NOT_CALLEE" ->
				socket.send(Frame.error(frame.id(), ErrorCode.NOT_CALLEE, "Only the callee can accept."));
			case "ACTIVE" -> socket.send(
					Frame.error(frame.id(), ErrorCode.ANSWERED_ELSEWHERE, "The call was answered on another device."));
			default -> notRinging(socket, frame);
		}
	}

	private void reject(ClientSocket socket, Frame.Inbound frame, Call call) {
		if (!socket.userId().equals(call.callee())) {
			socket
				.send(Frame.error(frame.id(), ErrorCode.NOT_CALLEE, "Only the callee can reject; the caller cancels."));
			return;
		}
		String reason = "busy".equals(frame.text("reason")) ? "busy" : "declined";
		if (!ended(call, Set.of("RINGING"), "REJECTED")) {
			notRinging(socket, frame);
			return;
		}
		ack(socket, frame, call.id());
		record(call, reason, 0);
		this.broker.publish(call.caller(), call.callerSocket(),
				event(FrameType.CALL_REJECTED, new ServerData.CallRejected(call.id(), reason)));
		this.broker.publish(List.of(Broker.Delivery.allBut(call.callee(), socket.id(),
				event(FrameType.CALL_ANSWERED_ELSEWHERE, new ServerData.CallId(call.id())))));
	}

	private void cancel(ClientSocket socket, Frame.Inbound frame, Call call) {
		if (!socket.id().equals(call.callerSocket())) {
			socket.send(Frame.error(frame.id(), ErrorCode.NOT_CALLER, "Only the caller's device can cancel."));
			return;
		}
		if (!ended(call, Set.of("RINGING"), "CANCELLED")) {
			notRinging(socket, frame);
			return;
		}
		ack(socket, frame, call.id());
		record(call, "cancelled", 0);
		this.broker.publish(call.callee(),
				event(FrameType.CALL_CANCELLED, new ServerData.CallCancelled(call.id(), null)));
	}

	private void hangup(ClientSocket socket, Frame.Inbound frame, Call call) {
		if ("RINGING".equals(call.state())) {
			if (socket.userId().equals(call.caller())) {
				cancel(socket, frame, call);
			}
			else {
				reject(socket, frame, call);
			}
			return;
		}
		if (!call.isEnd(socket.id()) || !ended(call, Set.of("ACTIVE"), "ENDED")) {
			socket.send(Frame.error(frame.id(), ErrorCode.CALL_ENDED, "This call is over."));
			return;
		}
		long duration = durationSeconds(call);
		socket.send(Frame.ack(frame.id(), new Acks.HungUp(call.id(), duration)));
		record(call, "completed", duration);
		String peerSocket = call.peerSocketOf(socket.userId());
		if (!peerSocket.isEmpty()) {
			this.broker.publish(call.peerOf(socket.userId()), peerSocket, ended(call, "completed", duration));
		}
	}

	/**
	 * {@code call.media}: the end's microphone and camera, relayed to the other end; with
	 * {@code connected: true} (sent once its peer connection is up) it also counts
	 * towards the call's media being connected.
	 */
	private void media(ClientSocket socket, Frame.Inbound frame, Call call) {
		JsonNode data = frame.data();
		if (!mediaValid(socket, frame) || !activeEnd(socket, frame, call)) {
			return;
		}
		if (data.path("connected").asBoolean(false)) {
			this.store.connected(call.id(), socket.userId().equals(call.caller()) ? "caller" : "callee",
					this.clock.millis());
		}
		forward(socket, call, FrameType.CALL_MEDIA, new ServerData.CallMedia(call.id(), socket.userId(),
				data.get("audio").asBoolean(), data.get("video").asBoolean(), data.path("screen").asBoolean(false)));
		ack(socket, frame, call.id());
	}

	/** Whether a {@code call.media} frame has its booleans; answers it otherwise. */
	private static boolean mediaValid(ClientSocket socket, Frame.Inbound frame) {
		JsonNode audio = frame.data().get("audio");
		JsonNode video = frame.data().get("video");
		JsonNode screen = frame.data().get("screen");
		if (audio == null || !audio.isBoolean() || video == null || !video.isBoolean()
				|| (screen != null && !screen.isBoolean() && !screen.isNull())) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					"call.media needs data {callId, audio, video, screen?} (booleans)."));
			return false;
		}
		return true;
	}

	/** {@code rtc.offer}, {@code rtc.answer}, {@code rtc.ice}: to the other end only. */
	private void relay(ClientSocket socket, Frame.Inbound frame, Call call) {
		Object data = relayed(socket, frame, call);
		if (data == null || !activeEnd(socket, frame, call)) {
			return;
		}
		forward(socket, call, frame.kind(), data);
		ack(socket, frame, call.id());
	}

	/**
	 * What an {@code rtc.*} frame is relayed as ({@code from} the socket's user), or null
	 * (answered) when its description or candidate is missing.
	 */
	private static Object relayed(ClientSocket socket, Frame.Inbound frame, Call call) {
		String field = frame.kind() == FrameType.RTC_ICE ? "candidate" : "sdp";
		JsonNode payload = frame.data().get(field);
		if (payload == null || payload.isNull()) {
			socket.send(Frame.error(frame.id(), ErrorCode.VALIDATION_FAILED,
					frame.type() + " needs data {callId, " + field + "}."));
			return null;
		}
		return (frame.kind() == FrameType.RTC_ICE) ? new ServerData.RtcIce(call.id(), socket.userId(), payload)
				: new ServerData.RtcDescription(call.id(), socket.userId(), payload);
	}

	/**
	 * Whether the socket is an end of the active call; a socket of a party whose end
	 * dropped becomes that end (rejoin over a new socket). Answers the frame otherwise.
	 */
	private boolean activeEnd(ClientSocket socket, Frame.Inbound frame, Call call) {
		if (!"ACTIVE".equals(call.state())) {
			socket.send(Frame.error(frame.id(), ErrorCode.CALL_NOT_ACTIVE, "This call is not connected."));
			return false;
		}
		if (call.isEnd(socket.id()) || this.store.rejoin(call.id(), socket.userId(), socket.id())) {
			return true;
		}
		socket.send(Frame.error(frame.id(), ErrorCode.NOT_IN_CALL, "This device is not in the call."));
		return false;
	}

	/** To the other end of the call (nothing while that end is away). */
	private void forward(ClientSocket socket, Call call, FrameType type, Object data) {
		String peerSocket = call.peerSocketOf(socket.userId());
		if (!peerSocket.isEmpty()) {
			this.broker.publish(call.peerOf(socket.userId()), peerSocket, event(type, data));
		}
	}

	/**
	 * Ends the call if it is in one of {@code from}; the parties' other devices learn it
	 * ({@code call.elsewhere} ended).
	 */
	private boolean ended(Call call, Set<String> from, String to) {
		if (!"OK".equals(this.store.end(call, from, to, this.clock.millis()))) {
			return false;
		}
		this.broker.publish(List.of(
				Broker.Delivery.allBut(call.caller(), call.callerSocket(),
						elsewhere(call.id(), call.conversationId(), call.callee(), "ended")),
				Broker.Delivery.allBut(call.callee(), call.calleeSocket(),
						elsewhere(call.id(), call.conversationId(), call.caller(), "ended"))));
		return true;
	}

	/**
	 * {@code call.elsewhere}: for a party's devices that are not in the call, that the
	 * call is ringing, active or ended on another of their devices.
	 */
	private String elsewhere(String callId, String conversationId, String with, String state) {
		return event(FrameType.CALL_ELSEWHERE, new ServerData.CallElsewhere(callId, conversationId, with, state));
	}

	private String ended(Call call, String outcome, long durationSeconds) {
		return event(FrameType.CALL_ENDED, new ServerData.CallEnded(call.id(), outcome, durationSeconds));
	}

	private long durationSeconds(Call call) {
		long from = (call.connectedAt() > 0) ? call.connectedAt() : call.acceptedAt();
		return (from > 0) ? Math.max(0, (this.clock.millis() - from) / 1000) : 0;
	}

	private void record(Call call, String outcome, long durationSeconds) {
		this.records.record(new RecordCall(call.conversationId(), call.id(), call.caller(), call.callee(), call.media(),
				outcome, durationSeconds, null));
	}

	private static void notRinging(ClientSocket socket, Frame.Inbound frame) {
		socket.send(Frame.error(frame.id(), ErrorCode.CALL_NOT_RINGING, "This call is no longer ringing."));
	}

	private static void ack(ClientSocket socket, Frame.Inbound frame, String callId) {
		if (frame.id() != null) {
			socket.send(Frame.ack(frame.id(), new Acks.Call(callId)));
		}
	}

	private String event(FrameType type, Object data) {
		return this.json.writeValueAsString(Frame.event(type, data));
	}

	// Sockets that drop, and deadlines

	@Override
	public void opened(ClientSocket socket, boolean first) {
	}

	/**
	 * A caller's socket that drops while ringing cancels the call; an end that drops
	 * while active has {@link CallProperties#rejoinGrace()} to come back.
	 */
	@Override
	public void closed(ClientSocket socket, boolean last) {
		try {
			Optional<String> callId = this.store.callOf(socket.userId());
			if (callId.isEmpty()) {
				return;
			}
			Optional<Call> group = this.store.find(callId.get()).filter(Call::group);
			if (group.isPresent()) {
				this.groups.away(group.get(), socket);
				return;
			}
			String away = this.store.away(callId.get(), socket.id(),
					this.clock.millis() + this.properties.rejoinGrace().toMillis());
			if ("CALLER_RINGING".equals(away)) {
				this.store.find(callId.get()).ifPresent((call) -> {
					if (ended(call, Set.of("RINGING"), "CANCELLED")) {
						record(call, "cancelled", 0);
						this.broker.publish(call.callee(),
								event(FrameType.CALL_CANCELLED, new ServerData.CallCancelled(call.id(), null)));
					}
				});
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not note a dropped socket's call: {}", ex.getMessage());
		}
	}

	/** Carries out the deadlines that are due and that this replica wins. */
	void runDeadlines() {
		long now = this.clock.millis();
		for (String deadline : this.store.due(now, 100)) {
			if (!this.store.claim(deadline)) {
				continue;
			}
			int bar = deadline.indexOf('|');
			String what = deadline.substring(bar + 1);
			this.store.find(deadline.substring(0, bar)).ifPresent((call) -> {
				if (call.group()) {
					this.groups.expire(call, what);
				}
				else {
					expire(call, what);
				}
			});
		}
	}

	private void expire(Call call, String what) {
		switch (what) {
			case "ring" -> {
				if (ended(call, Set.of("RINGING"), "MISSED")) {
					record(call, "missed", 0);
					this.broker.publish(call.caller(), call.callerSocket(), ended(call, "missed", 0));
					this.broker.publish(call.callee(),
							event(FrameType.CALL_CANCELLED, new ServerData.CallCancelled(call.id(), "missed")));
				}
			}
			case "connect" -> {
				if (call.connectedAt() == 0 && ended(call, Set.of("ACTIVE"), "FAILED")) {
					record(call, "failed", 0);
					toEnds(call, ended(call, "failed", 0));
				}
			}
			default -> {
				// rejoin-caller or rejoin-callee: that end did not come back in time.
				if (ended(call, Set.of("ACTIVE"), "ENDED")) {
					long duration = durationSeconds(call);
					record(call, "completed", duration);
					toEnds(call, ended(call, "dropped", duration));
				}
			}
		}
	}

	private void toEnds(Call call, String frame) {
		if (!call.callerSocket().isEmpty()) {
			this.broker.publish(call.caller(), call.callerSocket(), frame);
		}
		if (!call.calleeSocket().isEmpty()) {
			this.broker.publish(call.callee(), call.calleeSocket(), frame);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("call-deadlines").factory());
		executor.scheduleWithFixedDelay(() -> {
			try {
				runDeadlines();
			}
			catch (RuntimeException ex) {
				log.warn("Call deadlines could not be checked: {}", ex.getMessage());
			}
		}, 250, 250, TimeUnit.MILLISECONDS);
		this.deadlines = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.deadlines;
		this.deadlines = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.deadlines != null;
	}

}
