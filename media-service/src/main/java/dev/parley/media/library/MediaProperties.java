package dev.parley.media.library;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and places of media-service ({@code parley.media.*}).
 *
 * @param dir where the local disk store keeps files (and where uploads are staged)
 * @param cloudinaryUrl {@code cloudinary://key:secret@cloud}: store in Cloudinary instead
 * @param cloudinaryApi the base URL of Cloudinary's upload API, when not Cloudinary's own
 * (a stand-in)
 * @param avatarLimit the largest avatar
 * @param attachmentLimit the largest attachment
 * @param quota how much one person may keep stored
 * @param unclaimedFor how long an upload that nothing uses is kept
 * @param purgeEvery how often unclaimed uploads are looked for
 * @param maxPixels images larger than this are stored but get no thumbnail (decoding them
 * would take too much memory)
 */
@ConfigurationProperties("parley.media")
public record MediaProperties(@DefaultValue(".parley/media") Path dir, String cloudinaryUrl, String cloudinaryApi,
		@DefaultValue("5MB") DataSize avatarLimit, @DefaultValue("25MB") DataSize attachmentLimit,
		@DefaultValue("1GB") DataSize quota, @DefaultValue("24h") Duration unclaimedFor,
		@DefaultValue("1h") Duration purgeEvery, @DefaultValue("100000000") long maxPixels) {

	public DataSize limit(Purpose purpose) {
		return (purpose == Purpose.AVATAR) ? this.avatarLimit : this.attachmentLimit;
	}

	public DataSize largestLimit() {
		return DataSize.ofBytes(Math.max(this.avatarLimit.toBytes(), this.attachmentLimit.toBytes()));
	}

}
