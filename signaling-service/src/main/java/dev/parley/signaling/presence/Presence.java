package dev.parley.signaling.presence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;
import dev.parley.signaling.fanout.Broker;
import dev.parley.signaling.socket.ClientSocket;
import dev.parley.signaling.socket.Frame;
import dev.parley.signaling.socket.SessionHub;
import dev.parley.signaling.socket.SocketListener;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Online/offline for friends. A user's first socket anywhere makes them online and their
 * last one closing makes them offline (with the time, as last seen); each change is a
 * {@code presence} frame to each friend. A new socket gets a {@code presence} frame for
 * each friend. When this node stops, its users stay online for a short grace while their
 * clients reconnect elsewhere; when a node dies, the others' sweep takes its users
 * offline once its claims expire.
 */
@Component
public class Presence implements SocketListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Presence.class);

	private final PresenceRegistry registry;

	private final FriendDirectory friends;

	private final Broker broker;

	private final SessionHub hub;

	private final JsonMapper json;

	private final PresenceProperties properties;

	/**
	 * One at a time, in order: a user's open and close are told in the order they came.
	 */
	private volatile ExecutorService changes = newChanges();

	private ScheduledExecutorService timer;

	/** This node is stopping: its sockets close, and their users are handed over. */
	private volatile boolean draining;

	Presence(PresenceRegistry registry, FriendDirectory friends, Broker broker, SessionHub hub, JsonMapper json,
			PresenceProperties properties) {
		this.registry = registry;
		this.friends = friends;
		this.broker = broker;
		this.hub = hub;
		this.json = json;
		this.properties = properties;
	}

	@Override
	public void opened(ClientSocket socket, boolean first) {
		submit(() -> {
			List<String> friendIds = friendsOf(socket);
			if (first && this.registry.claim(socket.userId())) {
				tell(friendIds, new PresenceRegistry.Status(socket.userId(), true, null));
			}
			for (PresenceRegistry.Status status : this.registry.status(friendIds)) {
				socket.send(frame(status));
			}
		});
	}

	@Override
	public void closed(ClientSocket socket, boolean last) {
		if (last && !this.draining) {
			submit(() -> wentOffline(socket.userId(), this.registry.release(socket.userId())));
		}
	}

	/** Two people just became friends: each learns where the other is. */
	public void introduce(String a, String b) {
		submit(() -> {
			List<PresenceRegistry.Status> both = this.registry.status(List.of(a, b));
			tell(List.of(b), both.get(0));
			tell(List.of(a), both.get(1));
		});
	}

	private void submit(Runnable change) {
		try {
			this.changes.execute(() -> {
				try {
					change.run();
				}
				catch (RuntimeException ex) {
					log.warn("A presence change failed: {}", ex.getMessage());
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// This node is stopping and already took its users offline.
		}
	}

	private List<String> friendsOf(ClientSocket socket) {
		try {
			return this.friends.friendsOf(socket);
		}
		catch (RestClientException ex) {
			log.warn("Could not read the friends of a user; their presence goes to the friends known here: {}",
					ex.getMessage());
			return this.friends.knownFriendsOf(socket.userId());
		}
	}

	private void wentOffline(String userId, Optional<Instant> at) {
		at.ifPresent(
				(time) -> tell(this.friends.knownFriendsOf(userId), new PresenceRegistry.Status(userId, false, time)));
	}

	private void tell(List<String> userIds, PresenceRegistry.Status status) {
		this.broker.publish(userIds, this.json.writeValueAsString(frame(status)));
	}

	private static Frame frame(PresenceRegistry.Status status) {
		return Frame.event(FrameType.PRESENCE, new ServerData.Presence(status.userId(), status.online(),
				(status.lastSeenAt() != null) ? status.lastSeenAt().toString() : null));
	}

	private void renewAndSweep() {
		try {
			List<String> users = this.hub.users();
			this.friends.keep(users);
			for (String back : this.registry.renew(users)) {
				tell(this.friends.knownFriendsOf(back), new PresenceRegistry.Status(back, true, null));
			}
			this.registry.sweep().forEach((userId, at) -> wentOffline(userId, Optional.of(at)));
		}
		catch (RuntimeException ex) {
			log.warn("Presence renewal failed; will retry: {}", ex.getMessage());
		}
	}

	private static ExecutorService newChanges() {
		return Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("presence").factory());
	}

	@Override
	public void start() {
		this.draining = false;
		if (this.changes.isShutdown()) {
			// Started again after a stop (a paused context, as the tests' are).
			this.changes = newChanges();
		}
		long period = Math.max(1000, this.properties.nodeTtl().toMillis() / 3);
		this.timer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("presence-timer").factory());
		this.timer.scheduleWithFixedDelay(() -> submit(this::renewAndSweep), period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * This node is going away, and its sockets are about to be told to reconnect to
	 * another: its users stay online for {@link PresenceProperties#handoverGrace()}, so
	 * friends see no flicker when they come back elsewhere; those who do not come back go
	 * offline after it (another node's sweep says so). Sockets that close from now on
	 * change nothing.
	 */
	@Override
	public void draining() {
		if (this.draining) {
			return;
		}
		this.draining = true;
		try {
			// After the changes already queued, so that none of them undoes it.
			this.changes.submit(() -> {
				try {
					this.registry.handOver(this.hub.users(), this.properties.handoverGrace());
				}
				catch (RuntimeException ex) {
					log.warn("Could not hand this replica's users over; they go offline when its claims expire: {}",
							ex.getMessage());
				}
			}).get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			log.warn("Could not hand this replica's users over in time: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		this.timer.shutdownNow();
		this.timer = null;
		draining();
		this.changes.shutdown();
		try {
			this.changes.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.timer != null;
	}

}
