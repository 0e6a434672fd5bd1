package dev.parley.media.inspect;

import java.text.Normalizer;

import dev.parley.platform.text.Names;

/**
 * A file's name as people see it and save it: no folders, control characters or
 * reordering marks (so {@code "invoice\u202Egnp.exe"} cannot pose as a picture), nothing
 * a file system refuses, at most 120 characters with the extension kept.
 */
public final class FileNames {

	static final int MAX_LENGTH = 120;

	private FileNames() {
	}

	public static String sanitize(String name, String fallback) {
		if (name == null) {
			return fallback;
		}
		String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		base = Names.neutralize(Normalizer.normalize(base, Normalizer.Form.NFC));
		StringBuilder kept = new StringBuilder(base.length());
		base.codePoints()
			.map((c) -> (Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0
					|| Character.getType(c) == Character.FORMAT) ? '_' : c)
			.forEach(kept::appendCodePoint);
		String clean = kept.toString().replaceAll("\\s+", " ").strip().replaceAll("^\\.+", "");
		if (clean.isEmpty()) {
			return fallback;
		}
		if (clean.length() > MAX_LENGTH) {
			int dot = clean.lastIndexOf('.');
			String extension = (dot > 0 && clean.length() - dot <= 10) ? clean.substring(dot) : "";
			clean = clean.substring(0, MAX_LENGTH - extension.length()) + extension;
		}
		return clean;
	}

}
