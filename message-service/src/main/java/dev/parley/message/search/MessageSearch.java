package dev.parley.message.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.parley.message.conversation.Conversations;
import dev.parley.message.conversation.MessageRepository;
import dev.parley.message.conversation.MessageRepository.SearchQuery;
import dev.parley.message.conversation.MessageView;
import dev.parley.message.conversation.SearchHit;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.protocol.ServerData;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the messages a person can read (PostgreSQL text search; see
 * docs/messaging.md#search).
 */
@Service
@EnableConfigurationProperties(SearchProperties.class)
class MessageSearch {

	static final int MAX_QUERY = 200;

	/**
	 * How many times reading a message in order costs less than reading and ranking a
	 * match (measured: about 0.4 and 4 µs).
	 */
	static final int RANKING_COST = 10;

	private final MessageRepository messages;

	private final Conversations rules;

	private final SearchProperties properties;

	private final WordShares shares;

	MessageSearch(MessageRepository messages, Conversations rules, SearchProperties properties, WordShares shares) {
		this.messages = messages;
		this.rules = rules;
		this.properties = properties;
		this.shares = shares;
	}

	/**
	 * A page of results in {@code order}, or when none is asked in the order
	 * {@link #choose} picks; {@code before} is the last message of the previous page.
	 */
	public Page search(UUID me, String q, UUID conversationId, UUID before, Order order, int limit) {
		String query = (q != null) ? q.strip() : "";
		if (query.isEmpty() || query.codePointCount(0, query.length()) > MAX_QUERY
				|| query.codePoints().anyMatch(Character::isISOControl)) {
			throw ApiException.invalid("q", "Search for 1 to " + MAX_QUERY + " characters.");
		}
		if (conversationId != null) {
			this.rules.requireMember(conversationId, me);
		}
		SearchQuery parsed = this.messages.searchQuery(me, conversationId, query);
		switch (parsed.kind()) {
			case EMPTY -> {
				return new Page(List.of(), false, (order != null) ? order : Order.RELEVANCE);
			}
			case ONLY_EXCLUSIONS ->
				throw ApiException.invalid("q", "Give a word to find, not only words to leave out.");
			case WORDS -> {
			}
		}
		Order ordered = (order != null) ? order : choose(parsed, limit);
		SearchHit.Cursor cursor = null;
		if (before != null) {
			cursor = this.messages.searchCursor(me, before, parsed)
				.orElseThrow(() -> ApiException.invalid("before", "The cursor is not a message you can find."));
		}
		List<SearchHit> hits;
		if (ordered == Order.NEWEST) {
			hits = this.messages.searchByTime(me, conversationId, parsed, cursor,
					firstPass(parsed.conversations(), limit + 1), limit + 1);
		}
		else {
			List<String> lookedUp = this.shares.lookedUp(parsed);
			hits = this.messages.searchByRelevance(me, conversationId, parsed, lookedUp, cursor, limit + 1);
		}
		List<SearchHit> page = hits.subList(0, Math.min(limit, hits.size()));
		Map<UUID, List<ServerData.Reaction>> reactions = this.messages
			.reactions(page.stream().map(SearchHit::message).toList());
		List<Result> items = new ArrayList<>();
		for (SearchHit hit : page) {
			MessageView view = hit.message().view(reactions.getOrDefault(hit.message().id(), List.of()));
			MessageView shown = hit.inGroup() ? view.forReader(parsed.blocked()) : view;
			items.add(new Result(shown, Snippet.of(hit.headline())));
		}
		return new Page(items, hits.size() > limit, ordered);
	}

	/**
	 * Most relevant first, unless the query would match more than
	 * {@link SearchProperties#rankLimit} of the messages the reader can see and ranking
	 * them would cost more than reading their conversations backwards for a page of the
	 * newest. A conversation gives {@code n} matches after about {@code n / share}
	 * messages (all of them if it has fewer); newest first reads each conversation's
	 * first {@link #firstPass} matches, then at most {@code page / first} conversations
	 * for the rest of a page ({@link MessageRepository#searchByTime}); reading and
	 * ranking a match costs about {@link #RANKING_COST} times reading a message in order.
	 */
	private Order choose(SearchQuery query, int limit) {
		double share = this.shares.share(query);
		double matches = share * query.messages();
		if (matches <= this.properties.rankLimit() || query.conversations() == 0) {
			return Order.RELEVANCE;
		}
		int page = limit + 1;
		int first = firstPass(query.conversations(), page);
		double perConversation = (double) query.messages() / query.conversations();
		double newestReads = query.conversations() * Math.min(perConversation, first / share)
				+ Math.ceil((double) page / first) * Math.min(perConversation, (page - first) / share);
		return (newestReads < matches * RANKING_COST) ? Order.NEWEST : Order.RELEVANCE;
	}

	/**
	 * How many matches newest first takes from each of {@code conversations} in its first
	 * pass for a page of {@code page}: the first pass reads {@code conversations * first}
	 * matches and the second at most {@code page / first} conversations' {@code page}, so
	 * {@code page / sqrt(conversations)} reads the fewest (1 to {@code page}).
	 */
	static int firstPass(int conversations, int page) {
		long first = Math.round(page / Math.sqrt(Math.max(1, conversations)));
		return Math.clamp(first, 1, page);
	}

	/**
	 * A page of results in {@code order}; the next one is asked with {@code before} = the
	 * last item's id and the same order.
	 */
	record Page(List<Result> items, boolean hasMore, Order order) {
	}

	/** The order of the results. */
	enum Order {

		/** Most relevant first ({@code ts_rank_cd}), then newest. */
		RELEVANCE,

		/** Newest first. */
		NEWEST;

		@JsonValue
		String wire() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The order named {@code value} on the wire; null for none. */
		static Order of(String value) {
			if (value == null || value.isBlank()) {
				return null;
			}
			for (Order order : values()) {
				if (order.wire().equals(value)) {
					return order;
				}
			}
			throw ApiException.invalid("order", "The order is relevance or newest.");
		}

	}

	/**
	 * A message found, and the part of its text to show with the matched words marked.
	 */
	record Result(MessageView message, Snippet snippet) {
	}

	/**
	 * Text to show (plain text, never markup), and where the matched words are in it
	 * ({@code start} and {@code length} in UTF-16 code units, as JavaScript counts).
	 */
	record Snippet(String text, List<Highlight> highlights) {

		static Snippet of(String headline) {
			StringBuilder text = new StringBuilder(headline.length());
			List<Highlight> highlights = new ArrayList<>();
			int start = -1;
			for (int i = 0; i < headline.length(); i++) {
				char c = headline.charAt(i);
				if (c == SearchHit.START) {
					start = text.length();
				}
				else if (c == SearchHit.STOP) {
					if (start >= 0 && text.length() > start) {
						highlights.add(new Highlight(start, text.length() - start));
					}
					start = -1;
				}
				else {
					text.append(c);
				}
			}
			return new Snippet(text.toString(), highlights);
		}

	}

	record Highlight(int start, int length) {
	}

}
