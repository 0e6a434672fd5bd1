package dev.parley.media.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;

/**
 * Uploads in Cloudinary, each a private ({@code authenticated}) asset whose public id is
 * the key: uploads are signed with the API secret, and clients get the bytes through a
 * signed delivery URL that media-service hands out only after its own access check.
 * Thumbnails and avatars are Cloudinary transformations in that URL, so nothing is
 * rendered here.
 */
public class CloudinaryStore implements MediaStore {

	static final int THUMBNAIL_BOX = 480;

	static final int AVATAR_SIDE = 256;

	private final Cloudinary cloudinary;

	/**
	 * @param url {@code cloudinary://<api key>:<api secret>@<cloud name>}
	 * @param apiBase the upload API's base URL; {@code null} for Cloudinary's own
	 */
	public CloudinaryStore(String url, String apiBase) {
		this.cloudinary = new Cloudinary(url);
		// No usage analytics appended to the URLs it makes.
		this.cloudinary.config.analytics = false;
		if (apiBase != null && !apiBase.isBlank()) {
			this.cloudinary.config.uploadPrefix = apiBase;
		}
	}

	@Override
	public boolean wantsRenditions() {
		return false;
	}

	@Override
	public void put(String key, Path file, String contentType, Map<Rendition, Path> renditions) throws IOException {
		try {
			this.cloudinary.uploader()
				.upload(file.toFile(), Map.of("public_id", key, "resource_type", resourceType(contentType), "type",
						"authenticated", "overwrite", true));
		}
		finally {
			Files.deleteIfExists(file);
			for (Path rendition : renditions.values()) {
				Files.deleteIfExists(rendition);
			}
		}
	}

	@Override
	public Delivery deliver(String key, String contentType, Rendition rendition) {
		var url = this.cloudinary.url()
			.resourceType(resourceType(contentType))
			.type("authenticated")
			.signed(true)
			.secure(true);
		if (rendition == Rendition.THUMBNAIL) {
			url.transformation(new Transformation<>().width(THUMBNAIL_BOX)
				.height(THUMBNAIL_BOX)
				.crop("limit")
				.fetchFormat("auto")
				.quality("auto"));
		}
		else if (rendition == Rendition.AVATAR) {
			url.transformation(new Transformation<>().width(AVATAR_SIDE)
				.height(AVATAR_SIDE)
				.crop("fill")
				.gravity("face")
				.fetchFormat("auto"));
		}
		return new Delivery.Redirect(URI.create(url.generate(key)));
	}

	@Override
	public void delete(String key, String contentType) throws IOException {
		this.cloudinary.uploader()
			.destroy(key,
					Map.of("resource_type", resourceType(contentType), "type", "authenticated", "invalidate", true));
	}

	/** Cloudinary's kind of asset: images, video (audio too), and everything else raw. */
	static String resourceType(String contentType) {
		if (contentType.startsWith("image/")) {
			return "image";
		}
		if (contentType.startsWith("video/") || contentType.startsWith("audio/")) {
			return "video";
		}
		return "raw";
	}

}
