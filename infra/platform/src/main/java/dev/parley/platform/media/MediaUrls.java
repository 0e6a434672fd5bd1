package dev.parley.platform.media;

/** The addresses of media-service's content, as the services hand them to clients. */
public final class MediaUrls {

	private MediaUrls() {
	}

	/**
	 * A profile photo as a 256 px square, or {@code null} without one. Like every media
	 * URL it needs the reader's token.
	 */
	public static String avatar(String mediaId) {
		return (mediaId == null || mediaId.isBlank()) ? null : "/api/media/" + mediaId + "/content?variant=avatar";
	}

}
