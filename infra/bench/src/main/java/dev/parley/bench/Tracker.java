package dev.parley.bench;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Keeps every message a scenario sent, matches the {@code ack} and each
 * {@code message.new} to it by {@code clientMessageId} (the frame id is the same string),
 * and records latency from the <em>scheduled</em> send time, so a slow answer never
 * delays the next send's clock (no coordinated omission).
 */
final class Tracker implements Sock.Handler {

	private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

	final Histogram deliver = new ConcurrentHistogram(MAX_MICROS, 3);

	final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);

	/**
	 * From the message's {@code createdAt} (stamped by message-service as it stores it,
	 * on this machine's clock) to its delivery: the part of send &rarr; deliver after the
	 * command reached message-service.
	 */
	final Histogram storedToDeliver = new ConcurrentHistogram(MAX_MICROS, 3);

	/** Where {@link System#nanoTime()} stood at a known wall-clock instant. */
	private static final long ANCHOR_NANOS = System.nanoTime();

	private static final long ANCHOR_EPOCH_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());

	private final Map<String, Sent> sent = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final LongAdder delivered = new LongAdder();

	private final LongAdder duplicates = new LongAdder();

	private final LongAdder closed = new LongAdder();

	private final AtomicLong lastDeliveryNanos = new AtomicLong();

	/**
	 * Sockets that should receive something, and those that received anything tracked.
	 */
	private final Set<Sock> receivers = ConcurrentHashMap.newKeySet();

	private final Set<Sock> heard = ConcurrentHashMap.newKeySet();

	/** Starts tracking a message before it is sent. */
	Sent expect(String clientMessageId, long scheduledNanos, boolean measured, Sock[] receivers) {
		Sent message = new Sent(scheduledNanos, measured, receivers);
		this.sent.put(clientMessageId, message);
		for (Sock receiver : receivers) {
			this.receivers.add(receiver);
		}
		return message;
	}

	/** The answer to a message sent over REST: the 201 counts as its ack. */
	void answered(String clientMessageId, long nanos, boolean ok, String code) {
		Sent message = this.sent.get(clientMessageId);
		if (!ok) {
			error(code);
			message.failed = true;
		}
		else if (message.acked(nanos) && message.measured) {
			record(this.ack, nanos - message.scheduledNanos);
		}
	}

	void error(String code) {
		this.errors.computeIfAbsent(code, (c) -> new LongAdder()).increment();
	}

	@Override
	public void onFrame(Sock sock, String type, JsonNode frame, long receivedNanos) {
		switch (type) {
			case "message.new" -> delivered(sock, frame.path("data").path("message"), receivedNanos);
			case "ack" -> {
				Sent message = this.sent.get(frame.path("id").asString(""));
				if (message != null && message.acked(receivedNanos) && message.measured) {
					record(this.ack, receivedNanos - message.scheduledNanos);
				}
			}
			case "error" -> {
				error(frame.path("data").path("code").asString("ERROR"));
				Sent message = this.sent.get(frame.path("id").asString(""));
				if (message != null) {
					message.failed = true;
				}
			}
			case "unreadable" -> error("UNREADABLE_FRAME");
			default -> {
			}
		}
	}

	@Override
	public void onClosed(Sock sock, int code, String reason) {
		this.closed.increment();
		error("SOCKET_CLOSED_" + code);
	}

	private void delivered(Sock sock, JsonNode message, long receivedNanos) {
		Sent sent = this.sent.get(message.path("clientMessageId").asString(""));
		if (sent == null) {
			return;
		}
		int receiver = sent.receiverIndex(sock);
		if (receiver < 0) {
			return; // the sender's own sockets get the message too
		}
		this.heard.add(sock);
		if (!sent.deliveredTo(receiver)) {
			this.duplicates.increment();
			return;
		}
		if (sent.measured) {
			this.delivered.increment();
			record(this.deliver, receivedNanos - sent.scheduledNanos);
			long storedNanos = nanosAt(message.path("createdAt").asString(""));
			if (storedNanos != Long.MIN_VALUE) {
				record(this.storedToDeliver, receivedNanos - storedNanos);
			}
			this.lastDeliveryNanos.accumulateAndGet(receivedNanos, Math::max);
		}
	}

	/** The {@link System#nanoTime()} of an ISO instant, or {@code Long.MIN_VALUE}. */
	static long nanosAt(String instant) {
		try {
			long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
			return ANCHOR_NANOS + (micros - ANCHOR_EPOCH_MICROS) * 1000;
		}
		catch (DateTimeParseException ex) {
			return Long.MIN_VALUE;
		}
	}

	/** Records a latency given in nanoseconds, in microseconds. */
	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
	}

	/** True once every measured message was answered and reached every receiver. */
	boolean complete() {
		for (Sent message : this.sent.values()) {
			if (message.measured && !message.failed && (message.ackNanos == 0 || message.missing() > 0)) {
				return false;
			}
		}
		return true;
	}

	long lastDeliveryNanos() {
		return this.lastDeliveryNanos.get();
	}

	/** The figures, once the drain is over. */
	Counts counts() {
		long sentCount = 0;
		long expected = 0;
		long lost = 0;
		long lostMessages = 0;
		long unacked = 0;
		for (Sent message : this.sent.values()) {
			if (!message.measured) {
				continue;
			}
			sentCount++;
			if (message.failed) {
				continue;
			}
			expected += message.receivers.length;
			int missing = message.missing();
			if (message.ackNanos == 0) {
				unacked++;
			}
			else if (missing > 0) {
				lost += missing;
				lostMessages++;
			}
		}
		Map<String, Long> errorCounts = new TreeMap<>();
		this.errors.forEach((code, count) -> errorCounts.put(code, count.sum()));
		long silent = this.receivers.stream().filter((s) -> !this.heard.contains(s)).count();
		return new Counts(sentCount, expected, this.delivered.sum(), lost, lostMessages, unacked, this.duplicates.sum(),
				errorCounts, silent, this.receivers.size());
	}

	/**
	 * The figures; {@code silentSockets} of {@code receivingSockets} should have received
	 * messages and received none (e.g. a replica that never subscribed for their user).
	 */
	record Counts(long sent, long expectedDeliveries, long delivered, long lost, long lostMessages, long unacked,
			long duplicates, Map<String, Long> errors, long silentSockets, long receivingSockets) {
	}

	/** One message: when it was due, and which receivers have it. */
	static final class Sent {

		final long scheduledNanos;

		final boolean measured;

		final Sock[] receivers;

		private final boolean[] got;

		private int gotCount;

		volatile long ackNanos;

		volatile boolean failed;

		Sent(long scheduledNanos, boolean measured, Sock[] receivers) {
			this.scheduledNanos = scheduledNanos;
			this.measured = measured;
			this.receivers = receivers;
			this.got = new boolean[receivers.length];
		}

		int receiverIndex(Sock sock) {
			for (int i = 0; i < this.receivers.length; i++) {
				if (this.receivers[i] == sock) {
					return i;
				}
			}
			return -1;
		}

		synchronized boolean deliveredTo(int receiver) {
			if (this.got[receiver]) {
				return false;
			}
			this.got[receiver] = true;
			this.gotCount++;
			return true;
		}

		synchronized int missing() {
			return this.receivers.length - this.gotCount;
		}

		synchronized boolean acked(long nanos) {
			if (this.ackNanos != 0) {
				return false;
			}
			this.ackNanos = nanos;
			return true;
		}

	}

}
