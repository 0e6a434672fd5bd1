package dev.parley.signaling.socket;

import java.util.Map;

import dev.parley.platform.protocol.FrameType;

/**
 * How many frames one socket may send: a token bucket per kind of frame (typing fans out
 * to every member of a conversation, so it gets the smallest), refilled continuously. A
 * frame over budget is refused with {@code RATE_LIMITED}; a client that keeps sending
 * regardless is closed (see {@link Verdict#CLOSE}).
 */
final class FrameBudget {

	/** Refusals within {@link #FLOOD_WINDOW_NANOS} after which the socket is closed. */
	private final int floodTolerance;

	private static final long FLOOD_WINDOW_NANOS = 10_000_000_000L;

	private final Map<String, Bucket> buckets;

	private final Bucket other;

	private int refused;

	private long refusedSince;

	FrameBudget(SocketProperties.Rates rates) {
		// One bucket for all changes to messages: a socket may not spread a flood over
		// them.
		Bucket changes = new Bucket(rates.changesPerSecond(), rates.changesBurst());
		this.buckets = Map.of(FrameType.TYPING.wire(), new Bucket(rates.typingPerSecond(), rates.typingBurst()),
				FrameType.MESSAGE_SEND.wire(), new Bucket(rates.sendsPerSecond(), rates.sendsBurst()),
				FrameType.MESSAGE_EDIT.wire(), changes, FrameType.MESSAGE_DELETE.wire(), changes,
				FrameType.REACTION_ADD.wire(), changes, FrameType.REACTION_REMOVE.wire(), changes);
		this.other = new Bucket(rates.framesPerSecond(), rates.framesBurst());
		this.floodTolerance = rates.floodTolerance();
	}

	synchronized Verdict take(String type, long nowNanos) {
		Bucket bucket = this.buckets.getOrDefault(type, this.other);
		if (bucket.take(nowNanos)) {
			return Verdict.ALLOWED;
		}
		if (nowNanos - this.refusedSince > FLOOD_WINDOW_NANOS) {
			this.refusedSince = nowNanos;
			this.refused = 0;
		}
		return (++this.refused > this.floodTolerance) ? Verdict.CLOSE : Verdict.REFUSED;
	}

	/** Milliseconds until a frame of the type would be allowed again. */
	synchronized long retryAfterMillis(String type, long nowNanos) {
		return this.buckets.getOrDefault(type, this.other).millisUntilNext(nowNanos);
	}

	enum Verdict {

		ALLOWED, REFUSED, CLOSE

	}

	private static final class Bucket {

		private final double perNano;

		private final double burst;

		private double tokens;

		private long updated = System.nanoTime();

		Bucket(double perSecond, int burst) {
			this.perNano = perSecond / 1e9;
			this.burst = burst;
			this.tokens = burst;
		}

		boolean take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}

		long millisUntilNext(long now) {
			refill(now);
			return (this.tokens >= 1) ? 0 : (long) Math.ceil((1 - this.tokens) / this.perNano / 1e6);
		}

		private void refill(long now) {
			this.tokens = Math.min(this.burst, this.tokens + (now - this.updated) * this.perNano);
			this.updated = now;
		}

	}

}
