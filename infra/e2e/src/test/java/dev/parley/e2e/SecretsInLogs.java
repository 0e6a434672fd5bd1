package dev.parley.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What must never be written to a log line (docs/security.md): tokens (JWTs, refresh
 * tokens by their JSON name), the test users' password, and e-mailed codes. Read after
 * the whole end-to-end suite ran, over every log of every process.
 */
final class SecretsInLogs {

	private static final List<Pattern> SECRETS = List.of(
			// A JWT: base64url header and payload, both JSON objects.
			Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}"),
			Pattern.compile(
					"\"?(refreshToken|accessToken|access_token|refresh_token)\"?\\s*[:=]\\s*\"?[A-Za-z0-9_-]{20,}"),
			Pattern.compile(Pattern.quote(Accounts.PASSWORD)),
			// A code next to the word: "code: 123456", "code is 12345678".
			Pattern.compile("(?i)code\\W{1,4}(is\\W)?\\d{6,8}\\b"));

	private SecretsInLogs() {
	}

	/** Each log line holding a secret, as {@code file: line} (shortened). */
	static List<String> find(Path logs) {
		List<String> found = new ArrayList<>();
		if (!Files.isDirectory(logs)) {
			throw new IllegalStateException("No logs to read in " + logs);
		}
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
					lines.filter((line) -> SECRETS.stream().anyMatch((secret) -> secret.matcher(line).find()))
						.limit(5)
						.forEach((line) -> found
							.add(file.getFileName() + ": " + line.substring(0, Math.min(line.length(), 300))));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

}
