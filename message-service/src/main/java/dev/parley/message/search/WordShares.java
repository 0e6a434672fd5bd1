package dev.parley.message.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.parley.message.conversation.MessageRepository;
import dev.parley.message.conversation.MessageRepository.SearchQuery;

import org.springframework.stereotype.Component;

/**
 * About what share of messages a search matches, from PostgreSQL's statistics of how
 * often the most used words are in a message. Those change only when PostgreSQL analyses
 * the table again, so they are read at most every {@link #FRESH} (a read costs
 * milliseconds; a search asks this every time).
 */
@Component
class WordShares {

	static final Duration FRESH = Duration.ofMinutes(5);

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

	/** Reads the statistics again now (as after an {@code ANALYZE}). */
	void reload() {
		this.snapshot = new Snapshot(this.messages.wordShares(), Instant.now());
	}

	private Map<String, Float> current() {
		if (this.snapshot.readAt().isBefore(Instant.now().minus(FRESH))) {
			reload();
		}
		return this.snapshot.shares();
	}

	private record Snapshot(Map<String, Float> shares, Instant readAt) {
	}

}
