package dev.parley.media.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.media.inspect.ContentTypes;
import dev.parley.media.inspect.FileNames;
import dev.parley.media.inspect.Images;
import dev.parley.media.inspect.MetadataStripper;
import dev.parley.media.store.MediaStore;
import dev.parley.media.store.MediaStore.Rendition;
import dev.parley.platform.error.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * From the bytes of an upload to a stored, described file: staged on disk while it
 * streams in (counted, and cut off at the limit), its type read from the bytes, images
 * cleaned of metadata and given their renditions, then handed to the store and recorded.
 */
@Service
class Uploads {

	private static final Logger log = LoggerFactory.getLogger(Uploads.class);

	static final int THUMBNAIL_BOX = 480;

	static final int AVATAR_SIDE = 256;

	private final MediaProperties properties;

	private final MediaStore store;

	private final MediaRepository repository;

	private final TransactionTemplate transactions;

	private final ContentTypes contentTypes = new ContentTypes();

	/** Decoding images is what takes memory: two at a time. */
	private final Semaphore decoding = new Semaphore(2);

	private final StagingArea staging;

	Uploads(MediaProperties properties, MediaStore store, MediaRepository repository, TransactionTemplate transactions)
			throws IOException {
		this.properties = properties;
		this.store = store;
		this.repository = repository;
		this.transactions = transactions;
		this.staging = new StagingArea(properties.dir().resolve("staging"));
	}

	/** What is left of the person's quota, in bytes. */
	long room(UUID owner) {
		return Math.max(0, this.properties.quota().toBytes() - this.repository.storedBy(owner));
	}

	Path stage(InputStream in, long limit, ApiException tooLarge) throws IOException {
		return this.staging.stage(in, limit, tooLarge);
	}

	/**
	 * Inspects, cleans, stores and records a staged upload (the staged file is consumed).
	 */
	MediaView store(UUID owner, Purpose purpose, Path staged, String declaredType, String originalName,
			Double durationSeconds) throws IOException {
		Path cleaned = null;
		Map<Rendition, Path> renditions = new EnumMap<>(Rendition.class);
		try {
			String type = this.contentTypes.detect(staged, declaredType);
			if (type == null || (purpose == Purpose.AVATAR && !type.startsWith("image/"))) {
				throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
						(purpose == Purpose.AVATAR) ? "A profile photo must be a JPEG, PNG, GIF or WebP image."
								: "Parley does not take this kind of file. Images, PDF, text, office documents, "
										+ "audio and video are fine.");
			}
			UUID id = UUID.randomUUID();
			Integer width = null;
			Integer height = null;
			Path file = staged;
			if (type.startsWith("image/")) {
				cleaned = this.staging.file(id + ".clean");
				int orientation = MetadataStripper.strip(type, staged, cleaned);
				file = cleaned;
				Optional<Images.Facts> facts = Images.facts(cleaned, orientation);
				if (facts.isEmpty()) {
					throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
							"This image cannot be read.");
				}
				width = facts.get().width();
				height = facts.get().height();
				if (this.store.wantsRenditions() && facts.get().pixels() <= this.properties.maxPixels()) {
					render(cleaned, facts.get(), purpose, id, renditions);
				}
			}
			boolean thumbnail = type.startsWith("image/")
					&& (!this.store.wantsRenditions() || renditions.containsKey(Rendition.THUMBNAIL));
			Media media = new Media(id, owner, purpose, type, Files.size(file),
					FileNames.sanitize(originalName, fallbackName(type)), width, height,
					type.startsWith("audio/") || type.startsWith("video/") ? durationSeconds : null, id.toString(),
					thumbnail, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null, null);
			this.store.put(media.storageKey(), file, type, renditions);
			boolean recorded;
			try {
				recorded = Boolean.TRUE.equals(this.transactions
					.execute((tx) -> this.repository.insertWithinQuota(media, this.properties.quota().toBytes())));
			}
			catch (RuntimeException ex) {
				forget(media);
				throw ex;
			}
			if (!recorded) {
				forget(media);
				throw quotaExceeded();
			}
			return media.view();
		}
		finally {
			Files.deleteIfExists(staged);
			if (cleaned != null) {
				Files.deleteIfExists(cleaned);
			}
			for (Path rendition : renditions.values()) {
				Files.deleteIfExists(rendition);
			}
		}
	}

	ApiException quotaExceeded() {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "QUOTA_EXCEEDED",
				"Your storage is full. Delete some files you sent to make room.")
			.with("quotaBytes", this.properties.quota().toBytes());
	}

	private void render(Path image, Images.Facts facts, Purpose purpose, UUID id, Map<Rendition, Path> renditions)
			throws IOException {
		this.decoding.acquireUninterruptibly();
		try {
			Rendition rendition = (purpose == Purpose.AVATAR) ? Rendition.AVATAR : Rendition.THUMBNAIL;
			int box = (purpose == Purpose.AVATAR) ? AVATAR_SIDE : THUMBNAIL_BOX;
			Images.render(image, facts, box, purpose == Purpose.AVATAR, this.staging.file(id + "." + rendition))
				.ifPresent((written) -> renditions.put(rendition, written));
		}
		catch (IOException | RuntimeException ex) {
			// The upload stays good without a smaller copy: the original is served
			// instead.
			log.warn("Could not render a {} of {}: {}", purpose, id, ex.toString());
		}
		finally {
			this.decoding.release();
		}
	}

	private void forget(Media media) {
		try {
			this.store.delete(media.storageKey(), media.contentType());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A name for a file that came without one: "image", "audio", "video" or "file". */
	private static String fallbackName(String type) {
		String kind = type.substring(0, type.indexOf('/'));
		return kind.equals("image") || kind.equals("audio") || kind.equals("video") ? kind : "file";
	}

}
