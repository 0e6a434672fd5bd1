package dev.parley.signaling.fanout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's link to the fan-out, and the proof that it works: on a timer the node
 * renews its heartbeat ({@code parley:node:<node>}) and publishes a numbered probe on its
 * own channel. The node is {@linkplain #deliverable() deliverable} while its probes come
 * back. When they stop, or a probe is skipped, or the Redis client reports a lost
 * connection, frames for this node may have been lost: once the link works again (or
 * after {@code shedAfter} without it) every local socket is told to reconnect and catch
 * up ({@link Broker.Inbound#resync()}). A heartbeat that had expired (Redis restarted, or
 * this node stalled) is re-created, and the node's routes with it.
 */
class NodeLink implements SmartLifecycle {

	static final String PROBE = "probe:";

	private static final Duration FIRST_PROBE_WAIT = Duration.ofSeconds(10);

	/** How long start-up keeps trying to subscribe before it gives up. */
	private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(NodeLink.class);

	private final String node = UUID.randomUUID().toString();

	private final StringRedisTemplate redis;

	private final FanoutProperties properties;

	private final Supplier<Broker.Inbound> inbound;

	private final Supplier<RedisMessageListenerContainer> container;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong received = new AtomicLong();

	private final AtomicBoolean gap = new AtomicBoolean();

	private volatile long lastProbeNanos;

	private volatile boolean registered;

	private long unhealthySinceNanos;

	private boolean failing;

	/** Whether this outage already shed the sockets. */
	private boolean shed;

	private ScheduledExecutorService timer;

	public NodeLink(StringRedisTemplate redis, FanoutProperties properties, Supplier<Broker.Inbound> inbound,
			Supplier<RedisMessageListenerContainer> container) {
		this.redis = redis;
		this.properties = properties;
		this.inbound = inbound;
		this.container = container;
	}

	public String node() {
		return this.node;
	}

	String channel() {
		return RedisBroker.FRAMES_PREFIX + this.node;
	}

	/** Whether a probe came back recently, so frames published now reach this node. */
	public boolean deliverable() {
		long last = this.lastProbeNanos;
		return last != 0 && System.nanoTime() - last < this.properties.probeTimeout().toNanos();
	}

	/** How long ago the last probe came back, or {@code null} if none ever did. */
	public Duration sinceLastProbe() {
		long last = this.lastProbeNanos;
		return (last != 0) ? Duration.ofNanos(System.nanoTime() - last) : null;
	}

	/** The number of the last probe that came back. */
	long lastProbe() {
		return this.received.get();
	}

	/** Something may have lost frames for this node (e.g. a Redis connection dropped). */
	public void suspectGap() {
		if (isRunning()) {
			this.gap.set(true);
		}
	}

	void probed(String body) {
		long seq = Long.parseLong(body.substring(PROBE.length()));
		long previous = this.received.getAndSet(seq);
		// A skipped number is a lost message; a late or repeated one is not.
		if (previous != 0 && seq > previous + 1) {
			this.gap.set(true);
		}
		this.lastProbeNanos = System.nanoTime();
	}

	/**
	 * A probe that comes back late (a busy machine, a long pause) makes the node DOWN for
	 * new sockets but loses nothing: only a skipped probe, a reconnected Redis connection
	 * or an expired heartbeat mean frames may have been lost, and then the sockets resync
	 * once the link works again. A link down for {@code shedAfter} sheds its sockets
	 * (once per outage) so they move to a healthy replica.
	 */
	private void tick() {
		try {
			heartbeat();
			long next = this.sent.get() + 1;
			this.redis.convertAndSend(channel(), PROBE + next);
			this.sent.set(next);
			if (this.failing) {
				log.info("The fan-out link to Redis works again");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				log.warn("The fan-out link to Redis failed; this replica takes no new sockets until it works: {}",
						ex.getMessage());
				this.failing = true;
			}
		}
		long now = System.nanoTime();
		if (deliverable()) {
			this.unhealthySinceNanos = 0;
			this.shed = false;
			if (this.gap.getAndSet(false)) {
				log.info("Frames for this replica may have been lost; its sockets reconnect and catch up");
				this.inbound.get().resync();
			}
			return;
		}
		if (this.unhealthySinceNanos == 0) {
			this.unhealthySinceNanos = now;
		}
		if (!this.shed && now - this.unhealthySinceNanos > this.properties.shedAfter().toNanos()) {
			log.info("This replica cannot deliver; its sockets reconnect to another replica");
			this.shed = true;
			this.gap.set(false);
			this.inbound.get().resync();
		}
	}

	/**
	 * Renews the heartbeat; if it had expired, re-creates it and then this node's routes
	 * (in that order: a route to a node without a heartbeat is dropped by publishers).
	 */
	private void heartbeat() {
		String key = RedisBroker.NODE_PREFIX + this.node;
		Duration ttl = this.properties.nodeTtl();
		if (Boolean.TRUE.equals(this.redis.opsForValue().setIfPresent(key, "1", ttl))) {
			return;
		}
		this.redis.opsForValue().set(key, "1", ttl);
		List<String> users = this.inbound.get().users();
		if (this.registered) {
			log.info("This replica's heartbeat had expired (Redis restarted or the replica stalled); routes of {} "
					+ "users restored", users.size());
			this.gap.set(true);
		}
		this.registered = true;
		if (!users.isEmpty()) {
			byte[] node = this.node.getBytes(StandardCharsets.UTF_8);
			this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				users.forEach((userId) -> connection.setCommands()
					.sAdd(RedisBroker.routeKey(userId).getBytes(StandardCharsets.UTF_8), node));
				return null;
			});
		}
	}

	/**
	 * Subscribes this node's channel, starts probing and waits a few seconds for the
	 * first probe, so a replica that has just started takes sockets as soon as its
	 * start-up is over. If none comes, it starts anyway, DOWN until one does.
	 */
	@Override
	public void start() {
		subscribe();
		this.timer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fanout-probe").factory());
		long period = this.properties.probeInterval().toMillis();
		this.timer.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
		long deadline = System.nanoTime() + FIRST_PROBE_WAIT.toNanos();
		while (!deliverable() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		if (!deliverable()) {
			log.warn("No fan-out probe came back within {} s of start; this replica is DOWN until one does",
					FIRST_PROBE_WAIT.toSeconds());
		}
	}

	/**
	 * Starts the subscription and waits for it: the container keeps trying in the
	 * background (its recovery back-off) until Redis answers, and start-up waits for that
	 * up to {@code SUBSCRIBE_WAIT} (a Redis slow to answer its handshake on a busy
	 * machine, or one still starting) instead of the container's default 2 s.
	 */
	private void subscribe() {
		RedisMessageListenerContainer container = this.container.get();
		container.setMaxSubscriptionRegistrationWaitingTime(SUBSCRIBE_WAIT.toMillis());
		container.start();
	}

	/**
	 * Stops probing and takes this node's heartbeat away, so publishers skip it at once.
	 */
	@Override
	public void stop() {
		ScheduledExecutorService timer = this.timer;
		this.timer = null;
		if (timer != null) {
			timer.shutdownNow();
			try {
				this.redis.delete(RedisBroker.NODE_PREFIX + this.node);
				// Gone on purpose, with the sockets (they closed before this stops): a
				// start after this registers afresh, with nothing to resync, and does not
				// count the probes still in flight now as lost.
				this.registered = false;
				this.received.set(0);
				this.gap.set(false);
			}
			catch (RuntimeException ex) {
				log.debug("Could not remove this node's heartbeat: {}", ex.getMessage());
			}
			this.container.get().stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

	/** Stops after the sockets (web server) and before Redis goes away. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
