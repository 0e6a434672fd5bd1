package dev.parley.media.library;

import java.time.Instant;

/**
 * An upload as clients see it. {@code url} gives the bytes and {@code thumbnailUrl}
 * (images only) a smaller image; both need the caller's token and pass the same access
 * check.
 */
public record MediaView(String id, String ownerId, Purpose purpose, String url, String thumbnailUrl, String contentType,
		long size, Integer width, Integer height, Double durationSeconds, String name, Instant createdAt) {

}
