package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs a task for each item with a bounded number at once: provisioning stays modest. */
final class Parallel {

	private Parallel() {
	}

	static <T> void forEach(List<T> items, int concurrency, Consumer<T> task) {
		if (items.isEmpty()) {
			return;
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()),
				Thread.ofPlatform().daemon().name("bench-provision-", 0).factory())) {
			List<Future<?>> futures = new ArrayList<>();
			for (T item : items) {
				futures.add(pool.submit(() -> task.accept(item)));
			}
			for (Future<?> future : futures) {
				try {
					future.get();
				}
				catch (ExecutionException ex) {
					futures.forEach((f) -> f.cancel(true));
					throw (ex.getCause() instanceof RuntimeException cause) ? cause
							: new IllegalStateException(ex.getCause());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
			}
		}
	}

}
