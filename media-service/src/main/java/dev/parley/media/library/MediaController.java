package dev.parley.media.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import dev.parley.media.store.MediaStore;
import dev.parley.media.store.MediaStore.Delivery;
import dev.parley.media.store.MediaStore.Rendition;
import dev.parley.platform.error.ApiException;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/media")
class MediaController {

	/** Types a browser may show in place; anything else is offered as a download. */
	private static final List<String> INLINE = List.of("image/", "audio/", "video/", "application/pdf", "text/plain");

	/** The most a form field (purpose, duration) may hold. */
	private static final int FIELD_LIMIT = 64;

	/** Multipart boundaries and part headers around the file. */
	private static final long ENVELOPE = 16 * 1024;

	private final MediaProperties properties;

	private final Uploads uploads;

	private final MediaRepository repository;

	private final MediaAccess access;

	private final MediaStore store;

	MediaController(MediaProperties properties, Uploads uploads, MediaRepository repository, MediaAccess access,
			MediaStore store) {
		this.properties = properties;
		this.uploads = uploads;
		this.repository = repository;
		this.access = access;
		this.store = store;
	}

	/**
	 * Takes a multipart upload as a stream: {@code purpose} (and for recorded sound
	 * {@code durationSeconds}) before {@code file}. The file goes straight to a staging
	 * file, counted; past the limit for its purpose, or past the owner's quota, it is
	 * answered 413 and nothing more is written.
	 */
	@PostMapping
	ResponseEntity<MediaView> upload(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) throws IOException {
		UUID me = UUID.fromString(jwt.getSubject());
		if (!JakartaServletFileUpload.isMultipartContent(request)) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "NOT_MULTIPART",
					"Send the file as multipart/form-data with a 'file' part.");
		}
		long room = this.uploads.room(me);
		long length = request.getContentLengthLong();
		if (length > this.properties.largestLimit().toBytes() + ENVELOPE) {
			throw tooLarge(this.properties.largestLimit().toBytes());
		}
		if (length > room + ENVELOPE) {
			throw this.uploads.quotaExceeded();
		}
		Purpose purpose = null;
		Double duration = null;
		Path staged = null;
		String declaredType = null;
		String name = null;
		try {
			FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
			while (parts.hasNext()) {
				FileItemInput part = parts.next();
				try (InputStream in = part.getInputStream()) {
					if (part.isFormField() && "purpose".equals(part.getFieldName())) {
						purpose = purpose(field(in));
					}
					else if (part.isFormField() && "durationSeconds".equals(part.getFieldName())) {
						duration = duration(field(in));
					}
					else if (!part.isFormField() && "file".equals(part.getFieldName()) && staged == null) {
						long limit = (purpose != null) ? this.properties.limit(purpose).toBytes()
								: this.properties.largestLimit().toBytes();
						ApiException refusal = (room < limit) ? this.uploads.quotaExceeded() : tooLarge(limit);
						staged = this.uploads.stage(in, Math.min(limit, room), refusal);
						declaredType = part.getContentType();
						name = part.getName();
					}
					else {
						in.transferTo(OutputStream.nullOutputStream());
					}
				}
			}
		}
		catch (FileUploadException ex) {
			discard(staged);
			throw ApiException.badRequest("BAD_MULTIPART", "The upload is not well-formed multipart/form-data.");
		}
		catch (ApiException ex) {
			discard(staged);
			throw ex;
		}
		if (staged == null || purpose == null) {
			discard(staged);
			throw ApiException.invalid((staged == null) ? "file" : "purpose",
					(staged == null) ? "A 'file' part is required." : "'purpose' is AVATAR or ATTACHMENT.");
		}
		if (Files.size(staged) > this.properties.limit(purpose).toBytes()) {
			discard(staged);
			throw tooLarge(this.properties.limit(purpose).toBytes());
		}
		MediaView created = this.uploads.store(me, purpose, staged, declaredType, name, duration);
		return ResponseEntity.created(URI.create("/api/media/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	MediaView metadata(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return readable(jwt, id).view();
	}

	/**
	 * The bytes, or a redirect to the store's own delivery URL. {@code variant}:
	 * {@code thumbnail} (images, fits 480 px) or {@code avatar} (a 256 px square).
	 */
	@GetMapping("/{id}/content")
	ResponseEntity<Resource> content(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
			@RequestParam(required = false) String variant) {
		Rendition rendition = rendition(variant);
		Media media = readable(jwt, id);
		Delivery delivery = this.store.deliver(media.storageKey(), media.contentType(),
				media.image() ? rendition : Rendition.ORIGINAL);
		return switch (delivery) {
			case Delivery.Redirect redirect -> ResponseEntity.status(HttpStatus.FOUND)
				.location(redirect.location())
				.cacheControl(CacheControl.noStore())
				.build();
			case Delivery.FromFile file -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(file.contentType()))
				.header(HttpHeaders.CONTENT_DISPOSITION, disposition(media, rendition).toString())
				// Private: only this person was allowed; the bytes of an id never change.
				.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
				.eTag("\"" + media.id() + "-" + rendition.name().toLowerCase(Locale.ROOT) + "\"")
				.header("Content-Security-Policy", "default-src 'none'; sandbox")
				.header("X-Content-Type-Options", "nosniff")
				.body(new FileSystemResource(file.file()));
		};
	}

	/** Deletes an upload of one's own that nothing uses. */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) throws IOException {
		Media media = this.repository.find(id)
			.filter((found) -> found.ownerId().toString().equals(jwt.getSubject()))
			.orElseThrow(MediaController::notFound);
		if (media.attachedAs() != null) {
			throw ApiException.conflict("MEDIA_IN_USE", "This file is in use (sent, or your profile photo).");
		}
		this.repository.delete(id);
		this.store.delete(media.storageKey(), media.contentType());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Puts the caller's uploads to use, for the services that use them, with the caller's
	 * token: as a message's attachments (message-service, signaling-service), or as the
	 * profile photo (user-service; an empty list clears it). Idempotent for one message.
	 * Answers the uploads' descriptions, in the order asked.
	 */
	@PostMapping("/claims")
	@Transactional
	List<MediaView> claim(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Claim claim) {
		UUID me = UUID.fromString(jwt.getSubject());
		List<UUID> ids = List.copyOf(new LinkedHashSet<>(claim.mediaIds().stream().map(MediaController::id).toList()));
		boolean avatar = claim.as() == Claim.As.AVATAR;
		if (avatar ? ids.size() > 1 : ids.isEmpty()) {
			throw ApiException.invalid("mediaIds", avatar ? "A profile has one photo." : "Name the attachments.");
		}
		if (!avatar && (claim.conversationId() == null || claim.clientMessageId() == null)) {
			throw ApiException.invalid("conversationId", "An attachment is claimed for one message.");
		}
		Map<UUID, Media> found = this.repository.lock(ids)
			.stream()
			.collect(Collectors.toMap(Media::id, Function.identity()));
		for (UUID id : ids) {
			Media media = found.get(id);
			if (media == null || !media.ownerId().equals(me)) {
				throw notFound().with("mediaId", id.toString());
			}
			if (media.purpose() != (avatar ? Purpose.AVATAR : Purpose.ATTACHMENT)) {
				throw ApiException
					.badRequest("WRONG_PURPOSE",
							avatar ? "That upload is not a profile photo." : "That upload is a profile photo.")
					.with("mediaId", id.toString());
			}
			boolean sameMessage = Media.AS_MESSAGE.equals(media.attachedAs())
					&& claim.conversationId().equals(media.conversationId())
					&& claim.clientMessageId().equals(media.clientMessageId());
			if (!avatar && media.attachedAs() != null && !sameMessage) {
				throw ApiException.conflict("MEDIA_IN_USE", "That file was already sent in another message.")
					.with("mediaId", id.toString());
			}
		}
		if (avatar) {
			this.repository.claimAsAvatar(me, ids.isEmpty() ? null : ids.getFirst());
		}
		else {
			this.repository.claimAsMessage(ids, claim.conversationId(), claim.clientMessageId());
		}
		return ids.stream().map((id) -> found.get(id).view()).toList();
	}

	private Media readable(Jwt jwt, UUID id) {
		return this.repository.find(id)
			.filter((media) -> this.access.mayRead(media, UUID.fromString(jwt.getSubject()), jwt.getTokenValue()))
			.orElseThrow(MediaController::notFound);
	}

	private static ContentDisposition disposition(Media media, Rendition rendition) {
		boolean inline = rendition != Rendition.ORIGINAL || INLINE.stream().anyMatch(media.contentType()::startsWith);
		return (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(media.name(), StandardCharsets.UTF_8)
			.build();
	}

	private static Rendition rendition(String variant) {
		if (variant == null || variant.equals("original")) {
			return Rendition.ORIGINAL;
		}
		return switch (variant) {
			case "thumbnail" -> Rendition.THUMBNAIL;
			case "avatar" -> Rendition.AVATAR;
			default -> throw ApiException.invalid("variant", "'variant' is thumbnail, avatar or original.");
		};
	}

	private static String field(InputStream in) throws IOException {
		byte[] value = in.readNBytes(FIELD_LIMIT + 1);
		if (value.length > FIELD_LIMIT) {
			throw ApiException.badRequest("BAD_MULTIPART", "A form field is too long.");
		}
		return new String(value, StandardCharsets.UTF_8).strip();
	}

	private static Purpose purpose(String value) {
		try {
			return Purpose.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("purpose", "'purpose' is AVATAR or ATTACHMENT.");
		}
	}

	private static Double duration(String value) {
		try {
			double seconds = Double.parseDouble(value);
			if (Double.isFinite(seconds) && seconds >= 0 && seconds <= 24 * 3600) {
				return seconds;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below.
		}
		throw ApiException.invalid("durationSeconds", "'durationSeconds' is a number of seconds.");
	}

	private static UUID id(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw notFound().with("mediaId", String.valueOf(value));
		}
	}

	private static ApiException tooLarge(long limit) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "FILE_TOO_LARGE",
				"The file is larger than " + (limit / (1024 * 1024)) + " MB.")
			.with("limitBytes", limit);
	}

	private static ApiException notFound() {
		return ApiException.notFound("MEDIA_NOT_FOUND", "There is no such file, or you may not see it.");
	}

	private static void discard(Path staged) throws IOException {
		if (staged != null) {
			Files.deleteIfExists(staged);
		}
	}

	/**
	 * @param as what the uploads become
	 * @param conversationId for {@code MESSAGE}: the conversation it is sent in
	 * @param clientMessageId for {@code MESSAGE}: the message, as its sender names it
	 */
	record Claim(@NotNull As as, @NotNull @Size(max = 10) List<@NotNull @Size(max = 64) String> mediaIds,
			UUID conversationId, @Size(max = 64) String clientMessageId) {

		enum As {

			AVATAR, MESSAGE

		}

	}

}
