package dev.parley.message.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.platform.media.Attachment;

import dev.parley.platform.error.ApiException;

/** What a message may hold. */
final class MessageText {

	static final int MAX_CHARACTERS = 4000;

	static final int MAX_ATTACHMENTS = 10;

	static final int MAX_CLIENT_ID = 64;

	static final String CALL_RECORD_PREFIX = "call:";

	static final int MAX_EMOJI_CHARS = 32;

	private static final java.util.regex.Pattern ONE_GRAPHEME = java.util.regex.Pattern.compile("\\X");

	private static final int COMBINING_KEYCAP = 0x20E3;

	private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@])@([A-Za-z0-9_.]{3,32})(?![A-Za-z0-9_])");

	/** The variation selector that asks for an emoji's picture (VS16). */
	private static final String EMOJI_PRESENTATION = "\uFE0F";

	private MessageText() {
	}

	/**
	 * The text as stored: trimmed, 0..4,000 characters (code points), no control
	 * characters but newline and tab.
	 */
	static String text(String text) {
		String value = (text != null) ? text.strip() : "";
		if (value.codePointCount(0, value.length()) > MAX_CHARACTERS) {
			throw ApiException.invalid("text", "A message has at most " + MAX_CHARACTERS + " characters.");
		}
		if (value.codePoints().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			throw ApiException.invalid("text", "A message cannot contain control characters.");
		}
		return value;
	}

	/** The ids of a send's attachments, each once, at most {@value #MAX_ATTACHMENTS}. */
	static List<String> attachmentIds(List<String> ids) {
		List<String> list = (ids != null) ? ids.stream().distinct().toList() : List.of();
		if (list.size() > MAX_ATTACHMENTS) {
			throw ApiException.invalid("attachmentIds", "A message has at most " + MAX_ATTACHMENTS + " attachments.");
		}
		if (list.stream().anyMatch((id) -> id == null || id.isBlank() || id.length() > 64)) {
			throw ApiException.invalid("attachmentIds", "An attachment id is 1 to 64 characters.");
		}
		return list;
	}

	/** A send's attachments as claimed, each once, at most {@value #MAX_ATTACHMENTS}. */
	static List<Attachment> attachments(List<Attachment> attachments) {
		List<Attachment> list = (attachments != null) ? attachments : List.of();
		attachmentIds(list.stream().map((attachment) -> (attachment != null) ? attachment.id() : null).toList());
		return list.stream().distinct().toList();
	}

	static String clientMessageId(String id) {
		if (id == null || id.isBlank() || id.length() > MAX_CLIENT_ID) {
			throw ApiException.invalid("clientMessageId",
					"A clientMessageId has 1 to " + MAX_CLIENT_ID + " characters.");
		}
		if (id.startsWith(CALL_RECORD_PREFIX)) {
			throw ApiException.invalid("clientMessageId",
					"A clientMessageId may not start with '" + CALL_RECORD_PREFIX + "' (call records use it).");
		}
		return id;
	}

	/**
	 * A reaction: exactly one emoji, which is one user-perceived character (an extended
	 * grapheme cluster, so skin tones, flags, keycaps and ZWJ sequences such as a family
	 * count as one) that is an emoji, at most {@value #MAX_EMOJI_CHARS} UTF-16 units.
	 * Letters, digits and punctuation alone are refused.
	 */
	static String emoji(String emoji) {
		String value = (emoji != null) ? emoji : "";
		boolean one = !value.isEmpty() && value.length() <= MAX_EMOJI_CHARS && ONE_GRAPHEME.matcher(value).matches();
		boolean pictured = value.codePoints()
			.anyMatch((c) -> (c > 0x7F && Character.isEmoji(c)) || c == COMBINING_KEYCAP);
		if (!one || !pictured) {
			throw ApiException.invalid("emoji", "A reaction is one emoji.");
		}
		return canonical(value);
	}

	/**
	 * One spelling per emoji, so that one sent with the emoji variation selector and one
	 * without count as the same reaction: a lone emoji takes the selector exactly when it
	 * is not shown as an emoji by default (❤ becomes ❤️, 👍️ becomes 👍), a keycap always
	 * has it (1⃣ becomes 1️⃣); sequences are kept as sent.
	 */
	private static String canonical(String emoji) {
		String bare = emoji.replace(EMOJI_PRESENTATION, "");
		int first = bare.codePointAt(0);
		String rest = bare.substring(Character.charCount(first));
		if (rest.isEmpty()) {
			return Character.isEmojiPresentation(first) ? bare
					: new StringBuilder().appendCodePoint(first).append(EMOJI_PRESENTATION).toString();
		}
		if (rest.equals(String.valueOf((char) COMBINING_KEYCAP))) {
			return new StringBuilder().appendCodePoint(first).append(EMOJI_PRESENTATION).append(rest).toString();
		}
		return emoji;
	}

	/**
	 * The usernames a text names as {@code @username} (in lower case): an {@code @} at
	 * the start or after a character that cannot be in a username, then 3 to 32 of
	 * {@code A-Z a-z 0-9 _ .}, without a trailing dot (the end of a sentence).
	 */
	static Set<String> mentionedUsernames(String text) {
		if (text.indexOf('@') < 0) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = MENTION.matcher(text);
		while (matcher.find()) {
			String name = matcher.group(1).replaceAll("\\.+$", "");
			if (name.length() >= 3) {
				names.add(name.toLowerCase(Locale.ROOT));
			}
		}
		return names;
	}

	/** The clientMessageId of a call's record: {@code call:<callId>}. */
	static String callRecordId(String callId) {
		return CALL_RECORD_PREFIX + callId;
	}

}
