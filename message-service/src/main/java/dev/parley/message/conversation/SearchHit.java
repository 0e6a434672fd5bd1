package dev.parley.message.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A message found by a search, with its headline (the matching part of its text, each
 * matched word between {@link #START} and {@link #STOP}); {@code inGroup} tells whether
 * the reader's blocks apply to it.
 */
public record SearchHit(StoredMessage message, boolean inGroup, String headline) {

	/** Opens a matched word in a headline (no message holds a control character). */
	public static final char START = '\u0001';

	/** Closes a matched word in a headline. */
	public static final char STOP = '\u0002';

	/** A text up to this many characters is shown whole. */
	static final int WHOLE_TEXT = 300;

	/** {@code ts_headline}'s options for a text shown whole. */
	static final String WHOLE_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP + ", HighlightAll=true";

	/**
	 * {@code ts_headline}'s options for a longer text: up to two fragments of about 10 to
	 * 30 words around the matches.
	 */
	static final String FRAGMENT_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP
			+ ", MinWords=10, MaxWords=30, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \"";

	/** A place in the results: after the hit with this rank, time and id. */
	public record Cursor(UUID id, float rank, Instant createdAt) {
	}

}
