package dev.parley.media.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the bytes of uploads live, by key. Two adapters: {@link LocalDiskStore} (the
 * default) and {@link CloudinaryStore} (when {@code CLOUDINARY_URL} is set).
 */
public interface MediaStore {

	/**
	 * Whether the caller should render thumbnails and avatars itself and hand them to
	 * {@link #put}; a store that renders them on delivery (Cloudinary) says no.
	 */
	boolean wantsRenditions();

	/**
	 * Stores {@code file} (consumed: moved or uploaded, then gone) and its renditions
	 * under {@code key}.
	 */
	void put(String key, Path file, String contentType, Map<Rendition, Path> renditions) throws IOException;

	/** How a client gets the bytes of {@code key} in {@code rendition}. */
	Delivery deliver(String key, String contentType, Rendition rendition);

	/** Removes {@code key} and its renditions; removing what is not there is no error. */
	void delete(String key, String contentType) throws IOException;

	/** A rendition of an upload: the original, or a smaller image made from it. */
	enum Rendition {

		ORIGINAL,

		/** An image scaled to fit a box, for the message list. */
		THUMBNAIL,

		/** An image cropped to a square, for a profile photo. */
		AVATAR

	}

	/** The bytes are served by media-service from a file, or fetched from elsewhere. */
	sealed interface Delivery {

		record FromFile(Path file, String contentType) implements Delivery {
		}

		record Redirect(URI location) implements Delivery {
		}

	}

}
