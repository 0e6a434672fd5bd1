package dev.parley.platform.text;

/**
 * Names people choose (display names, group titles) are shown next to other people's
 * text, so they must not be able to reorder it: the bidirectional embedding, override and
 * isolate controls (U+202A–U+202E, U+2066–U+2069) are removed, which stops a name like
 * "admin\u202Egnp.exe" from rendering as something it is not. Right-to-left letters
 * themselves are untouched. The surrounding whitespace goes too.
 */
public final class Names {

	private Names() {
	}

	public static String neutralize(String name) {
		if (name == null) {
			return null;
		}
		StringBuilder kept = new StringBuilder(name.length());
		name.codePoints().filter((c) -> !isBidiControl(c)).forEach(kept::appendCodePoint);
		return kept.toString().strip();
	}

	static boolean isBidiControl(int c) {
		return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
	}

}
