package dev.parley.media.library;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.parley.media.MediaServiceIntegrationTest;
import dev.parley.media.TestImages;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads through the HTTP API to the local disk store: what is taken, what is refused,
 * what is cleaned out of images, and who may read what.
 */
class UploadsIT extends MediaServiceIntegrationTest {

	/** The first bytes of a Linux executable, and of a Windows one. */
	private static final byte[] ELF = "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
		.getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] WINDOWS_EXE = ("MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000\u0000\u0000"
			+ "\u00ff\u00ff\u0000\u0000" + "\u0000".repeat(44) + "\u0080\u0000\u0000\u0000" + "\u0000".repeat(64)
			+ "PE\u0000\u0000")
		.getBytes(StandardCharsets.ISO_8859_1);

	@Autowired
	UnclaimedPurge purge;

	@Test
	void anImageIsStoredWithItsSizeAThumbnailAndNoMetadata() throws Exception {
		Person ada = person();
		Answer created = upload(ada, "ATTACHMENT", "holiday.jpg", "image/jpeg",
				TestImages.jpegWithLocation(1200, 800, 6));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.text("contentType")).isEqualTo("image/jpeg");
		// Held turned (orientation 6): displayed 800 wide, 1200 high.
		assertThat(created.json().get("width").asInt()).isEqualTo(800);
		assertThat(created.json().get("height").asInt()).isEqualTo(1200);
		assertThat(created.text("name")).isEqualTo("holiday.jpg");
		assertThat(created.headers().firstValue("Location")).hasValue("/api/media/" + created.text("id"));

		Answer original = fetch(ada, created.text("url"));
		assertThat(original.status()).isEqualTo(200);
		assertThat(original.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		String bytes = new String(original.body(), StandardCharsets.ISO_8859_1);
		assertThat(bytes).doesNotContain(TestImages.CAMERA);
		assertThat(ImageIO.read(new ByteArrayInputStream(original.body())).getWidth()).isEqualTo(1200);
		assertThat(original.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline")
			.contains("holiday.jpg");

		Answer thumbnail = fetch(ada, created.text("thumbnailUrl"));
		assertThat(thumbnail.status()).isEqualTo(200);
		var small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
		// Upright, fitting 480 px: 320 × 480.
		assertThat(small.getWidth()).isEqualTo(320);
		assertThat(small.getHeight()).isEqualTo(480);
	}

	@Test
	void aPngLosesItsTextChunks() throws Exception {
		Person ada = person();
		Answer created = upload(ada, "ATTACHMENT", "screen.png", "image/png",
				TestImages.pngWithText(40, 30, "Ada at 51.5 N, 0.12 W"));
		assertThat(created.status()).isEqualTo(201);
		Answer original = fetch(ada, created.text("url"));
		assertThat(new String(original.body(), StandardCharsets.ISO_8859_1)).doesNotContain("51.5 N")
			.doesNotContain("tEXt");
		assertThat(ImageIO.read(new ByteArrayInputStream(original.body())).getWidth()).isEqualTo(40);
	}

	@Test
	void theTypeComesFromTheBytesNotTheNameOrTheHeader() throws Exception {
		Person ada = person();
		Answer exe = upload(ada, "ATTACHMENT", "cat.png", "image/png", WINDOWS_EXE);
		assertThat(exe.status()).isEqualTo(415);
		assertThat(exe.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		assertThat(upload(ada, "ATTACHMENT", "cat.png", "image/png", ELF).status()).isEqualTo(415);
		assertThat(upload(ada, "ATTACHMENT", "page.txt", "text/plain",
				"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
			.status()).isEqualTo(415);
		// A real PNG named and labelled as a document is still a PNG.
		Answer png = upload(ada, "ATTACHMENT", "report.pdf", "application/pdf",
				TestImages.picture(10, 10, "png", true));
		assertThat(png.status()).isEqualTo(201);
		assertThat(png.text("contentType")).isEqualTo("image/png");
		Answer text = upload(ada, "ATTACHMENT", "notes", "application/octet-stream",
				"Buy milk.\nCall Bob.\n".getBytes(StandardCharsets.UTF_8));
		assertThat(text.text("contentType")).isEqualTo("text/plain");
		assertThat(text.json().get("thumbnailUrl").isNull()).isTrue();
		assertThat(text.text("name")).isEqualTo("notes");
		// A range, as a player seeking asks for it.
		Answer part = send(HttpRequest.newBuilder(uri(text.text("url")))
			.header("Authorization", "Bearer " + ada.token())
			.header("Range", "bytes=4-7")
			.GET());
		assertThat(part.status()).isEqualTo(206);
		assertThat(new String(part.body(), StandardCharsets.UTF_8)).isEqualTo("milk");
		assertThat(part.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(stagedFiles()).isZero();
	}

	@Test
	void anAvatarMustBeAnImage() {
		Person ada = person();
		Answer text = upload(ada, "AVATAR", "me.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
		assertThat(text.status()).isEqualTo(415);
	}

	@Test
	void anOversizedUploadIsRefusedAndNothingOfItStays() throws Exception {
		Person ada = person();
		long before = storedFiles();
		Answer big = upload(ada, "ATTACHMENT", "big.txt", "text/plain",
				"a".repeat((int) ATTACHMENT_LIMIT + 1).getBytes(StandardCharsets.UTF_8));
		assertThat(big.status()).isEqualTo(413);
		assertThat(big.code()).isEqualTo("FILE_TOO_LARGE");
		assertThat(big.json().get("limitBytes").asLong()).isEqualTo(ATTACHMENT_LIMIT);
		// An avatar has a smaller limit (512 KB here).
		Answer avatar = upload(ada, "AVATAR", "me.png", "image/png", new byte[600 * 1024]);
		assertThat(avatar.code()).isEqualTo("FILE_TOO_LARGE");
		assertThat(stagedFiles()).isZero();
		assertThat(storedFiles()).isEqualTo(before);
	}

	@Test
	void aPersonsStorageIsLimited() {
		Person ada = person();
		byte[] almostAMegabyte = "b".repeat(1000 * 1000).getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < 3; i++) {
			assertThat(upload(ada, "ATTACHMENT", "part" + i + ".txt", "text/plain", almostAMegabyte).status())
				.isEqualTo(201);
		}
		Answer full = upload(ada, "ATTACHMENT", "part4.txt", "text/plain", almostAMegabyte);
		assertThat(full.status()).isEqualTo(413);
		assertThat(full.code()).isEqualTo("QUOTA_EXCEEDED");
		// Someone else's storage is their own.
		assertThat(upload(person(), "ATTACHMENT", "x.txt", "text/plain", almostAMegabyte).status()).isEqualTo(201);
	}

	@Test
	void badFormsAreNamed() {
		Person ada = person();
		byte[] png = new byte[0];
		assertThat(upload(ada, null, "a.png", "image/png", "x".getBytes(StandardCharsets.UTF_8)).code())
			.isEqualTo("VALIDATION_FAILED");
		assertThat(upload(ada, "EVERYTHING", "a.png", "image/png", png).code()).isEqualTo("VALIDATION_FAILED");
		assertThat(upload(ada, "ATTACHMENT", "a.ogg", "audio/ogg", "x".getBytes(StandardCharsets.UTF_8), "soon").code())
			.isEqualTo("VALIDATION_FAILED");
		assertThat(post(ada, "/api/media", Map.of("file", "x")).status()).isEqualTo(415);
	}

	@Test
	void fileNamesAreMadeSafeToShowAndSave() {
		Person ada = person();
		Answer created = upload(ada, "ATTACHMENT", "..\\..\\evil\u202Egnp.exe", "text/plain",
				"plain".getBytes(StandardCharsets.UTF_8));
		assertThat(created.text("name")).isEqualTo("evilgnp.exe");
	}

	@Test
	void onlyTheOwnerSeesAnUnusedUploadAndAnyoneSeesAnAvatarInUse() throws Exception {
		Person ada = person();
		Person bob = person();
		Answer photo = upload(ada, "AVATAR", "me.png", "image/png", TestImages.picture(600, 400, "png", false));
		String id = photo.text("id");
		assertThat(fetch(bob, "/api/media/" + id).status()).isEqualTo(404);
		assertThat(fetch(bob, photo.text("url")).status()).isEqualTo(404);
		assertThat(fetch(ada, "/api/media/" + id).status()).isEqualTo(200);

		assertThat(post(ada, "/api/media/claims", Map.of("as", "AVATAR", "mediaIds", List.of(id))).status())
			.isEqualTo(200);
		assertThat(fetch(bob, "/api/media/" + id).status()).isEqualTo(200);
		Answer avatar = fetch(bob, "/api/media/" + id + "/content?variant=avatar");
		var square = ImageIO.read(new ByteArrayInputStream(avatar.body()));
		assertThat(square.getWidth()).isEqualTo(256);
		assertThat(square.getHeight()).isEqualTo(256);

		// Cleared: it is Ada's own again.
		assertThat(post(ada, "/api/media/claims", Map.of("as", "AVATAR", "mediaIds", List.of())).status())
			.isEqualTo(200);
		assertThat(fetch(bob, "/api/media/" + id).status()).isEqualTo(404);
		assertThat(fetch(bob, "/api/media/" + id + "/content?variant=nonsense").status()).isEqualTo(400);
	}

	@Test
	void anAttachmentIsClaimedForOneMessageOnly() throws Exception {
		Person ada = person();
		String id = upload(ada, "ATTACHMENT", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8)).text("id");
		String conversation = UUID.randomUUID().toString();
		Map<String, Object> claim = Map.of("as", "MESSAGE", "mediaIds", List.of(id), "conversationId", conversation,
				"clientMessageId", "m1");
		var claimed = post(ada, "/api/media/claims", claim);
		assertThat(claimed.status()).isEqualTo(200);
		assertThat(claimed.json().get(0).get("name").asString()).isEqualTo("a.txt");
		// The same message again (a resend) is fine; another message is not.
		assertThat(post(ada, "/api/media/claims", claim).status()).isEqualTo(200);
		var again = post(ada, "/api/media/claims", Map.of("as", "MESSAGE", "mediaIds", List.of(id), "conversationId",
				conversation, "clientMessageId", "m2"));
		assertThat(again.code()).isEqualTo("MEDIA_IN_USE");
		// Nobody claims someone else's upload, or an avatar as an attachment.
		assertThat(post(person(), "/api/media/claims", claim).code()).isEqualTo("MEDIA_NOT_FOUND");
		String photo = upload(ada, "AVATAR", "me.png", "image/png", TestImages.picture(8, 8, "png", false)).text("id");
		assertThat(post(ada, "/api/media/claims", Map.of("as", "MESSAGE", "mediaIds", List.of(photo), "conversationId",
				conversation, "clientMessageId", "m3"))
			.code()).isEqualTo("WRONG_PURPOSE");
		assertThat(post(ada, "/api/media/claims", Map.of("as", "MESSAGE", "mediaIds", List.of("not-an-id"),
				"conversationId", conversation, "clientMessageId", "m3"))
			.code()).isEqualTo("MEDIA_NOT_FOUND");
		// In use, it cannot be deleted.
		assertThat(delete(ada, "/api/media/" + id).code()).isEqualTo("MEDIA_IN_USE");
	}

	@Test
	void anUploadNobodyUsesIsPurgedAndAnOwnerMayDeleteIt() throws Exception {
		Person ada = person();
		String unused = upload(ada, "ATTACHMENT", "u.txt", "text/plain", "u".getBytes(StandardCharsets.UTF_8))
			.text("id");
		String used = upload(ada, "AVATAR", "me.png", "image/png", TestImages.picture(20, 20, "png", false)).text("id");
		post(ada, "/api/media/claims", Map.of("as", "AVATAR", "mediaIds", List.of(used)));
		String deleted = upload(ada, "ATTACHMENT", "d.txt", "text/plain", "d".getBytes(StandardCharsets.UTF_8))
			.text("id");
		assertThat(delete(person(), "/api/media/" + deleted).status()).isEqualTo(404);
		assertThat(delete(ada, "/api/media/" + deleted).status()).isEqualTo(204);
		assertThat(fetch(ada, "/api/media/" + deleted).status()).isEqualTo(404);

		long files = storedFiles();
		assertThat(this.purge.purge(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(1);
		assertThat(fetch(ada, "/api/media/" + unused).status()).isEqualTo(404);
		assertThat(fetch(ada, "/api/media/" + used).status()).isEqualTo(200);
		assertThat(storedFiles()).isLessThan(files);
	}

	private long storedFiles() throws Exception {
		Path files = DIR.resolve("files");
		if (!Files.exists(files)) {
			return 0;
		}
		try (var walk = Files.walk(files)) {
			return walk.filter(Files::isRegularFile).count();
		}
	}

}
