package dev.parley.signaling.socket;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one timer thread of the sockets: auth timeouts, token expiries and the idle sweep.
 * Its tasks only close connections, so one thread keeps up with every socket.
 */
@Component
class Deadlines implements DisposableBean {

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("socket-deadline").factory());

	ScheduledFuture<?> after(Duration delay, Runnable task) {
		return this.timer.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	void every(Duration period, Runnable task) {
		long millis = Math.max(1, period.toMillis());
		this.timer.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
