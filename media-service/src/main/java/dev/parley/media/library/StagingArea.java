package dev.parley.media.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import dev.parley.platform.error.ApiException;

/** Where uploads land while they stream in, before they are inspected and stored. */
class StagingArea {

	private final Path dir;

	StagingArea(Path dir) throws IOException {
		this.dir = Files.createDirectories(dir);
	}

	/**
	 * Copies {@code in} to a new file here, at most {@code limit} bytes: past that the
	 * file is deleted and {@code tooLarge} thrown, after the rest of the stream was read
	 * and dropped (so the client is still there to see the answer).
	 */
	Path stage(InputStream in, long limit, ApiException tooLarge) throws IOException {
		Path file = this.dir.resolve(UUID.randomUUID() + ".part");
		boolean kept = false;
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			int read;
			while ((read = in.read(buffer)) >= 0) {
				total += read;
				if (total > limit) {
					out.close();
					Files.deleteIfExists(file);
					in.transferTo(OutputStream.nullOutputStream());
					throw tooLarge;
				}
				out.write(buffer, 0, read);
			}
			kept = true;
			return file;
		}
		finally {
			if (!kept) {
				Files.deleteIfExists(file);
			}
		}
	}

	/** A path for a file made while storing an upload. */
	Path file(String name) {
		return this.dir.resolve(name);
	}

}
