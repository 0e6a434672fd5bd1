package dev.parley.platform.media;

/**
 * A file sent with a message, described as media-service answered its claim: enough for a
 * client to lay it out and fetch it ({@code url}, {@code thumbnailUrl}) without asking
 * first. Carried in message commands, stored with the message, shown in its views.
 */
public record Attachment(String id, String url, String thumbnailUrl, String contentType, long size, Integer width,
		Integer height, Double durationSeconds, String name) {

}
