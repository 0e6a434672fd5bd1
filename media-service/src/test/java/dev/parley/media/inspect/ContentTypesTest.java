package dev.parley.media.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.media.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTest {

	@TempDir
	Path dir;

	final ContentTypes types = new ContentTypes();

	@Test
	void imagesAndDocumentsAreKnownByTheirBytes() throws IOException {
		assertThat(this.types.detect(file("a.bin", TestImages.picture(4, 4, "png", false)), "text/plain"))
			.isEqualTo("image/png");
		assertThat(this.types.detect(file("a", TestImages.picture(4, 4, "gif", false)), null)).isEqualTo("image/gif");
		assertThat(this.types.detect(file("a", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n"), null))
			.isEqualTo("application/pdf");
		assertThat(this.types.detect(word(), "application/octet-stream"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	}

	@Test
	void whatParleyDoesNotTakeIsRefused() throws IOException {
		assertThat(this.types.detect(file("a", "<!DOCTYPE html><html><body>hi</body></html>"), "text/plain")).isNull();
		assertThat(this.types.detect(file("a", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), "image/svg+xml"))
			.isNull();
		assertThat(this.types.detect(file("a", "#!/bin/sh\nrm -rf /\n"), "text/plain")).isNull();
	}

	@Test
	void theClientsTypeOnlyChoosesWithinWhatTheBytesAre() {
		assertThat(ContentTypes.choose("video/webm", "audio/webm;codecs=opus")).isEqualTo("audio/webm");
		assertThat(ContentTypes.choose("video/webm", "image/png")).isEqualTo("video/webm");
		assertThat(ContentTypes.choose("video/mp4", "audio/mp4")).isEqualTo("audio/mp4");
		assertThat(ContentTypes.choose("audio/opus", null)).isEqualTo("audio/ogg");
		assertThat(ContentTypes.choose("application/x-tika-msoffice", "application/vnd.ms-excel"))
			.isEqualTo("application/vnd.ms-excel");
		assertThat(ContentTypes.choose("application/x-tika-msoffice", "image/png")).isNull();
		assertThat(ContentTypes.choose("application/x-msdownload", "image/png")).isNull();
	}

	private Path word() throws IOException {
		Path file = this.dir.resolve("doc");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(
					("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
							+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
							+ ".wordprocessingml.document.main+xml\"/></Types>")
						.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("_rels/.rels"));
			zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
					+ "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
					+ "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			zip.write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"
				.getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

	private Path file(String name, String text) throws IOException {
		return file(name, text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private Path file(String name, byte[] bytes) throws IOException {
		return Files.write(this.dir.resolve(name), bytes);
	}

}
