package dev.parley.message.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.parley.message.conversation.MessageRepository;
import dev.parley.message.conversation.MessageRepository.SearchQuery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * About what share of messages a search matches, from PostgreSQL's statistics of how
 * often the most used words are in a message. Those change only when PostgreSQL analyses
 * the table again, so they are read at most every {@link #FRESH}, and then in the
 * background: a read costs milliseconds, and a search asks this every time (only the
 * first search of a replica waits for it).
 */
@Component
class WordShares {

	private static final Logger log = LoggerFactory.getLogger(WordShares.class);

	static final Duration FRESH = Duration.ofMinutes(5);

	private final AtomicBoolean reloading = new AtomicBoolean();

	private final MessageRepository messages;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.MIN);

	WordShares(MessageRepository messages) {
		this.messages = messages;
	}

	/**
	 * About what share of messages match the query: the share of messages holding its
	 * rarest word (or, for any of its words, their shares together). A word the
	 * statistics do not name is rarer than all they do, and counts as in none.
	 */
	double share(SearchQuery query) {
		Map<String, Float> shares = current();
		double share = query.anyWord() ? 0 : 1;
		for (String word : query.words()) {
			float of = shares.getOrDefault(word, 0f);
			share = query.anyWord() ? share + of : Math.min(share, of);
		}
		return Math.min(share, 1);
	}

	/**
	 * The words whose index entries give every match of the query: all of them when a
	 * match holds any of them, else the rarest alone (every match holds it, and it has
	 * the fewest entries to read). A word the statistics do not name counts as rarest.
	 */
	List<String> lookedUp(SearchQuery query) {
		if (query.anyWord() || query.words().size() < 2) {
			return query.words();
		}
		Map<String, Float> shares = current();
		return List.of(query.words()
			.stream()
			.min(Comparator.comparing((String word) -> shares.getOrDefault(word, 0f)))
			.orElseThrow());
	}

	/** Reads the statistics again now (as after an {@code ANALYZE}). */
	void reload() {
		this.snapshot = new Snapshot(this.messages.wordShares(), Instant.now());
	}

	private Map<String, Float> current() {
		Snapshot current = this.snapshot;
		if (current.readAt().equals(Instant.MIN)) {
			reload();
			return this.snapshot.shares();
		}
		if (current.readAt().isBefore(Instant.now().minus(FRESH)) && this.reloading.compareAndSet(false, true)) {
			Thread.ofVirtual().name("word-shares").start(() -> {
				try {
					reload();
				}
				catch (RuntimeException ex) {
					log.warn("Could not read the word statistics again (kept those of {}): {}", current.readAt(),
							ex.getMessage());
				}
				finally {
					this.reloading.set(false);
				}
			});
		}
		return current.shares();
	}

	private record Snapshot(Map<String, Float> shares, Instant readAt) {
	}

}
