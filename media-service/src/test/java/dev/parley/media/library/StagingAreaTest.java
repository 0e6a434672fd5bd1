package dev.parley.media.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagingAreaTest {

	@TempDir
	Path dir;

	@Test
	void anUploadPastTheLimitIsCutOffBeforeMoreThanTheLimitIsWritten() throws IOException {
		StagingArea staging = new StagingArea(this.dir);
		long limit = 1024 * 1024;
		WatchedStream upload = new WatchedStream(this.dir, 20L * 1024 * 1024);
		ApiException tooLarge = new ApiException(HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE", "too large");
		assertThatThrownBy(() -> staging.stage(upload, limit, tooLarge)).isSameAs(tooLarge);
		assertThat(upload.largestOnDisk).isLessThanOrEqualTo(limit);
		assertThat(upload.remaining).as("the rest was read, so the client hears the answer").isZero();
		try (var files = Files.list(this.dir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void anUploadWithinTheLimitIsKeptWhole() throws IOException {
		StagingArea staging = new StagingArea(this.dir);
		Path staged = staging.stage(new WatchedStream(this.dir, 300_000), 300_000, null);
		assertThat(Files.size(staged)).isEqualTo(300_000);
	}

	/** {@code size} bytes, noting at each read how much the staging directory holds. */
	static final class WatchedStream extends InputStream {

		final Path dir;

		long remaining;

		long largestOnDisk;

		WatchedStream(Path dir, long size) {
			this.dir = dir;
			this.remaining = size;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0];
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try (var files = Files.list(this.dir)) {
				for (Path file : files.toList()) {
					this.largestOnDisk = Math.max(this.largestOnDisk, Files.size(file));
				}
			}
			if (this.remaining == 0) {
				return -1;
			}
			int n = (int) Math.min(length, this.remaining);
			this.remaining -= n;
			return n;
		}

	}

}
