package dev.parley.media.library;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.media.store.MediaStore;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes uploads that nothing claimed within {@code parley.media.unclaimed-for} (24 h):
 * files chosen and never sent, photos never made a profile photo, former profile photos.
 * Every replica runs it; rows another replica is deleting are skipped.
 */
@Component
class UnclaimedPurge implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnclaimedPurge.class);

	private static final int BATCH = 100;

	private final MediaProperties properties;

	private final MediaRepository repository;

	private final MediaStore store;

	private final TransactionTemplate transactions;

	private ScheduledExecutorService executor;

	UnclaimedPurge(MediaProperties properties, MediaRepository repository, MediaStore store,
			TransactionTemplate transactions) {
		this.properties = properties;
		this.repository = repository;
		this.store = store;
		this.transactions = transactions;
	}

	/** Deletes what was left unclaimed since before {@code cutoff}; returns how many. */
	int purge(Instant cutoff) {
		int total = 0;
		int done;
		do {
			Integer deleted = this.transactions.execute((tx) -> {
				List<Media> batch = this.repository.unclaimedBefore(cutoff, BATCH);
				for (Media media : batch) {
					try {
						this.store.delete(media.storageKey(), media.contentType());
						this.repository.delete(media.id());
					}
					catch (IOException | RuntimeException ex) {
						log.warn("Could not delete unclaimed upload {}: {}", media.id(), ex.toString());
					}
				}
				return batch.size();
			});
			done = (deleted != null) ? deleted : 0;
			total += done;
		}
		while (done == BATCH);
		if (total > 0) {
			log.info("Deleted {} uploads nobody used", total);
		}
		return total;
	}

	private void run() {
		try {
			purge(Instant.now().minus(this.properties.unclaimedFor()));
		}
		catch (RuntimeException ex) {
			log.warn("Purging unclaimed uploads failed; will try again: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("media-purge").factory());
		long every = this.properties.purgeEvery().toMillis();
		this.executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
