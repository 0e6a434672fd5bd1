package dev.parley.media.library;

import java.time.Instant;
import java.util.UUID;

/**
 * An upload as media-service keeps it.
 *
 * @param attachedAs what claimed it ({@code AVATAR} or {@code MESSAGE}), {@code null}
 * while unclaimed
 * @param conversationId where a {@code MESSAGE} claim put it
 */
record Media(UUID id, UUID ownerId, Purpose purpose, String contentType, long size, String name, Integer width,
		Integer height, Double durationSeconds, String storageKey, boolean hasThumbnail, Instant createdAt,
		String attachedAs, UUID conversationId, String clientMessageId) {

	static final String AS_AVATAR = "AVATAR";

	static final String AS_MESSAGE = "MESSAGE";

	boolean image() {
		return this.contentType.startsWith("image/");
	}

	MediaView view() {
		String url = "/api/media/" + this.id + "/content";
		return new MediaView(this.id.toString(), this.ownerId.toString(), this.purpose, url,
				this.hasThumbnail ? url + "?variant=thumbnail" : null, this.contentType, this.size, this.width,
				this.height, this.durationSeconds, this.name, this.createdAt);
	}

}
