package dev.parley.media.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.media.TestImages;
import dev.parley.media.store.MediaStore.Delivery;
import dev.parley.media.store.MediaStore.Rendition;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cloudinary adapter against a local stand-in for Cloudinary's upload API (there is
 * no network here): what it sends must be signed the way Cloudinary checks signatures,
 * and the delivery URLs it makes must carry a valid signature.
 */
class CloudinaryStoreTest {

	static final String KEY = "123456789012345";

	static final String SECRET = "a-cloudinary-api-secret";

	WireMockServer cloudinary;

	CloudinaryStore store;

	@TempDir
	Path dir;

	@BeforeEach
	void start() {
		this.cloudinary = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		this.cloudinary.start();
		this.cloudinary.stubFor(post(urlPathMatching("/v1_1/parley/(image|video|raw)/(upload|destroy)"))
			.willReturn(okJson("{\"public_id\":\"x\",\"version\":1,\"result\":\"ok\"}")));
		this.store = new CloudinaryStore("cloudinary://" + KEY + ":" + SECRET + "@parley",
				"http://127.0.0.1:" + this.cloudinary.port());
	}

	@AfterEach
	void stop() {
		this.cloudinary.stop();
	}

	@Test
	void uploadsArePrivateSignedAndTheLocalFileIsGone() throws Exception {
		Path file = Files.write(this.dir.resolve("photo"), TestImages.picture(20, 10, "jpeg", false));
		this.store.put("0b6f2a7e-5bb8-4a8e-9d1f-1f2e3d4c5b6a", file, "image/jpeg", Map.of());

		ServeEvent upload = this.cloudinary.getAllServeEvents().getFirst();
		assertThat(upload.getRequest().getUrl()).isEqualTo("/v1_1/parley/image/upload");
		Map<String, String> fields = fields(upload.getRequest());
		assertThat(fields).containsEntry("api_key", KEY)
			.containsEntry("public_id", "0b6f2a7e-5bb8-4a8e-9d1f-1f2e3d4c5b6a")
			.containsEntry("type", "authenticated");
		assertThat(fields.get("signature")).isEqualTo(signature(fields));
		assertThat(upload.getRequest().getPart("file").getBody().asBytes()).hasSizeGreaterThan(100);
		assertThat(file).doesNotExist();
	}

	@Test
	void soundAndVideoAreVideoAssetsAndOtherFilesRaw() throws Exception {
		this.store.put("0b6f2a7e-0000-4a8e-9d1f-1f2e3d4c5b6a",
				Files.write(this.dir.resolve("voice"), new byte[] { 1, 2, 3 }), "audio/webm", Map.of());
		this.store.delete("0b6f2a7e-1111-4a8e-9d1f-1f2e3d4c5b6a", "application/pdf");
		var requests = this.cloudinary.getAllServeEvents().reversed();
		assertThat(requests.get(0).getRequest().getUrl()).isEqualTo("/v1_1/parley/video/upload");
		ServeEvent destroy = requests.get(1);
		assertThat(destroy.getRequest().getUrl()).isEqualTo("/v1_1/parley/raw/destroy");
		Map<String, String> fields = fields(destroy.getRequest());
		assertThat(fields.get("signature")).isEqualTo(signature(fields));
	}

	@Test
	void deliveryUrlsAreSignedAndRenderThumbnailsAndAvatars() throws Exception {
		String key = "0b6f2a7e-5bb8-4a8e-9d1f-1f2e3d4c5b6a";
		String thumbnail = ((Delivery.Redirect) this.store.deliver(key, "image/png", Rendition.THUMBNAIL)).location()
			.toString();
		assertThat(thumbnail).startsWith("https://res.cloudinary.com/parley/image/authenticated/s--")
			.contains("c_limit")
			.contains("w_480")
			.endsWith(key);
		assertThat(signatureIn(thumbnail)).isEqualTo(deliverySignature(thumbnail));
		String avatar = ((Delivery.Redirect) this.store.deliver(key, "image/png", Rendition.AVATAR)).location()
			.toString();
		assertThat(avatar).contains("c_fill").contains("w_256");
		assertThat(signatureIn(avatar)).isEqualTo(deliverySignature(avatar));
		String file = ((Delivery.Redirect) this.store.deliver(key, "application/pdf", Rendition.ORIGINAL)).location()
			.toString();
		assertThat(file).startsWith("https://res.cloudinary.com/parley/raw/authenticated/s--");
		// A URL whose path was changed no longer matches its signature.
		assertThat(deliverySignature(avatar.replace("w_256", "w_4000"))).isNotEqualTo(signatureIn(avatar));
	}

	/** The form fields of a multipart request, but the file. */
	private static Map<String, String> fields(Request request) {
		return request.getParts()
			.stream()
			.filter((part) -> !part.getName().equals("file"))
			.collect(Collectors.toMap(Request.Part::getName, (part) -> part.getBody().asString()));
	}

	/**
	 * Cloudinary's API signature: SHA-1 over the parameters, sorted, as {@code a=1&b=2},
	 * followed by the API secret (all but the file, the resource type, the key and the
	 * signature itself).
	 */
	private static String signature(Map<String, String> fields) throws Exception {
		Map<String, String> signed = new TreeMap<>(fields);
		signed.keySet().removeAll(List.of("signature", "api_key", "resource_type", "cloud_name", "file"));
		String text = signed.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("&"));
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1").digest((text + SECRET).getBytes(StandardCharsets.UTF_8)));
	}

	private static String signatureIn(String url) {
		return url.substring(url.indexOf("/s--") + 4, url.indexOf("--/", url.indexOf("/s--")));
	}

	/**
	 * A delivery URL's signature: the first 8 characters of the URL-safe Base64 SHA-1 of
	 * what follows the signature (without a version), then the secret.
	 */
	private static String deliverySignature(String url) throws Exception {
		String signed = url.substring(url.indexOf("--/", url.indexOf("/s--")) + 3).replaceFirst("(^|/)v1/", "$1");
		byte[] digest = MessageDigest.getInstance("SHA-1").digest((signed + SECRET).getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
	}

}
