package dev.parley.media.inspect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

	@Test
	void namesLoseFoldersControlsAndReordering() {
		assertThat(FileNames.sanitize("../../etc/passwd", "file")).isEqualTo("passwd");
		assertThat(FileNames.sanitize("C:\\Users\\ada\\photo.jpg", "file")).isEqualTo("photo.jpg");
		assertThat(FileNames.sanitize("invoice\u202Egnp.exe", "file")).isEqualTo("invoicegnp.exe");
		assertThat(FileNames.sanitize("a\u0000b\nc.txt", "file")).isEqualTo("a_b_c.txt");
		assertThat(FileNames.sanitize("what?.txt", "file")).isEqualTo("what_.txt");
		assertThat(FileNames.sanitize("...", "file")).isEqualTo("file");
		assertThat(FileNames.sanitize(null, "image")).isEqualTo("image");
		assertThat(FileNames.sanitize("Cafe\u0301 menu.pdf", "file")).isEqualTo("Caf\u00e9 menu.pdf");
	}

	@Test
	void longNamesKeepTheirExtension() {
		String name = FileNames.sanitize("x".repeat(300) + ".docx", "file");
		assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith(".docx");
	}

}
