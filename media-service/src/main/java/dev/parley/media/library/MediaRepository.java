package dev.parley.media.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MediaRepository {

	private static final String COLUMNS = """
			id, owner_id, purpose, content_type, size, name, width, height, duration_seconds, storage_key,
			has_thumbnail, created_at, attached_as, conversation_id, client_message_id""";

	private final JdbcClient jdbc;

	MediaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the upload unless it would take its owner past {@code quota} bytes; the
	 * owner's uploads are counted under a lock, so two at once cannot both slip in.
	 */
	boolean insertWithinQuota(Media media, long quota) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('media-quota:' || :owner))")
			.param("owner", media.ownerId().toString())
			.query((rs, n) -> n)
			.list();
		long used = storedBy(media.ownerId());
		if (used + media.size() > quota) {
			return false;
		}
		this.jdbc.sql("""
				insert into media (id, owner_id, purpose, content_type, size, name, width, height, duration_seconds,
				                   storage_key, has_thumbnail, created_at)
				values (:id, :owner, :purpose, :type, :size, :name, :width, :height, :duration, :key, :thumbnail,
				        :createdAt)""")
			.param("id", media.id())
			.param("owner", media.ownerId())
			.param("purpose", media.purpose().name())
			.param("type", media.contentType())
			.param("size", media.size())
			.param("name", media.name())
			.param("width", media.width())
			.param("height", media.height())
			.param("duration", media.durationSeconds())
			.param("key", media.storageKey())
			.param("thumbnail", media.hasThumbnail())
			.param("createdAt", Timestamp.from(media.createdAt()))
			.update();
		return true;
	}

	long storedBy(UUID owner) {
		return this.jdbc.sql("select coalesce(sum(size), 0) from media where owner_id = :owner")
			.param("owner", owner)
			.query(Long.class)
			.single();
	}

	Optional<Media> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from media where id = :id")
			.param("id", id)
			.query(MediaRepository::media)
			.optional();
	}

	/** The uploads, locked until the transaction ends (for a claim). */
	List<Media> lock(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from media where id in (:ids) order by id for update")
			.param("ids", ids)
			.query(MediaRepository::media)
			.list();
	}

	void claimAsMessage(List<UUID> ids, UUID conversationId, String clientMessageId) {
		this.jdbc.sql("""
				update media set attached_as = 'MESSAGE', conversation_id = :c, client_message_id = :clientId,
				                 attached_at = coalesce(attached_at, now())
				where id in (:ids)""")
			.param("ids", ids)
			.param("c", conversationId)
			.param("clientId", clientMessageId)
			.update();
	}

	/**
	 * Makes {@code id} (or nothing) the owner's avatar; former avatars become unclaimed.
	 */
	void claimAsAvatar(UUID owner, UUID id) {
		this.jdbc.sql("""
				update media set attached_as = null, attached_at = null
				where owner_id = :owner and attached_as = 'AVATAR' and id is distinct from :id""")
			.param("owner", owner)
			.param("id", id)
			.update();
		if (id != null) {
			this.jdbc.sql("update media set attached_as = 'AVATAR', attached_at = now() where id = :id")
				.param("id", id)
				.update();
		}
	}

	/**
	 * Unclaimed uploads made before {@code cutoff}, locked (other replicas' purges skip
	 * them).
	 */
	List<Media> unclaimedBefore(Instant cutoff, int limit) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from media where attached_as is null and created_at < :cutoff
				order by created_at limit :limit for update skip locked""")
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query(MediaRepository::media)
			.list();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from media where id = :id").param("id", id).update();
	}

	private static Media media(ResultSet rs, int n) throws SQLException {
		return new Media(rs.getObject("id", UUID.class), rs.getObject("owner_id", UUID.class),
				Purpose.valueOf(rs.getString("purpose")), rs.getString("content_type"), rs.getLong("size"),
				rs.getString("name"), rs.getObject("width", Integer.class), rs.getObject("height", Integer.class),
				rs.getObject("duration_seconds", Double.class), rs.getString("storage_key"),
				rs.getBoolean("has_thumbnail"), rs.getTimestamp("created_at").toInstant(), rs.getString("attached_as"),
				rs.getObject("conversation_id", UUID.class), rs.getString("client_message_id"));
	}

}
