package dev.parley.user.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form names are compared in: lower case, accents removed ("Zoë" and "zoe" match).
 */
final class SearchKeys {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private SearchKeys() {
	}

	public static String of(String text) {
		return MARKS.matcher(Normalizer.normalize(text.strip(), Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
	}

	/** A LIKE pattern matching values that start with the text. */
	static String prefixPattern(String text) {
		return of(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
