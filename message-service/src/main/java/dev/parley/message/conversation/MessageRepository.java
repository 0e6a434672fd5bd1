package dev.parley.message.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.media.Attachment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages. Every page is a range of the primary key {@code (conversation_id, seq)}, so
 * it costs the same at a thousand rows or a hundred million. What a member hid or cleared
 * is left out of everything they read.
 */
@Repository
public class MessageRepository {

	private static final String VISIBLE = "m.conversation_id = :c and m.seq > :cleared and " + notHidden(":me", "m");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(StoredMessage message) {
		this.jdbc.sql("""
				insert into message (conversation_id, seq, id, sender_id, client_message_id, text, attachment_ids,
				                     attachments, created_at, kind, call_media, call_outcome, call_duration_seconds,
				                     call_participant_ids)
				values (:c, :seq, :id, :sender, :clientId, :text, :attachmentIds, :attachments::jsonb, :createdAt,
				        :kind, :callMedia, :callOutcome, :callDuration, :callParticipants)""")
			.param("c", message.conversationId())
			.param("seq", message.seq())
			.param("id", message.id())
			.param("sender", message.senderId())
			.param("clientId", message.clientMessageId())
			.param("text", message.text())
			.param("attachmentIds", message.attachments().stream().map(Attachment::id).toArray(String[]::new))
			.param("attachments", JSON.writeValueAsString(message.attachments()))
			.param("createdAt", java.sql.Timestamp.from(message.createdAt()))
			.param("kind", message.kind())
			.param("callMedia", (message.call() != null) ? message.call().media() : null, java.sql.Types.VARCHAR)
			.param("callOutcome", (message.call() != null) ? message.call().outcome() : null, java.sql.Types.VARCHAR)
			.param("callDuration", (message.call() != null) ? message.call().durationSeconds() : null,
					java.sql.Types.INTEGER)
			.param("callParticipants",
					(message.call() != null && message.call().participantIds() != null)
							? message.call().participantIds().toArray(UUID[]::new) : null,
					java.sql.Types.ARRAY)
			.update();
	}

	public Optional<StoredMessage> findByClientId(UUID senderId, String clientMessageId) {
		return this.jdbc.sql("select * from message where sender_id = :sender and client_message_id = :clientId")
			.param("sender", senderId)
			.param("clientId", clientMessageId)
			.query(MessageRepository::message)
			.optional();
	}

	public Optional<StoredMessage> find(UUID conversationId, UUID messageId) {
		return this.jdbc.sql("select * from message where id = :id and conversation_id = :c")
			.param("id", messageId)
			.param("c", conversationId)
			.query(MessageRepository::message)
			.optional();
	}

	public void deleteForEveryone(UUID conversationId, long seq, long version) {
		this.jdbc
			.sql("""
					update message set text = '', attachment_ids = '{}', attachments = '[]', deleted_version = :version, deleted_at = now()
					where conversation_id = :c and seq = :seq""")
			.param("c", conversationId)
			.param("seq", seq)
			.param("version", version)
			.update();
	}

	/** Hides a message for one reader, as change {@code version} of the conversation. */
	public void hide(UUID userId, UUID conversationId, long seq, long version) {
		this.jdbc
			.sql("insert into hidden_message (user_id, conversation_id, seq, version) values (:u, :c, :seq, :version)"
					+ " on conflict do nothing")
			.param("u", userId)
			.param("c", conversationId)
			.param("seq", seq)
			.param("version", version)
			.update();
	}

	public boolean isHidden(UUID userId, UUID conversationId, long seq) {
		return this.jdbc.sql(
				"select exists (select 1 from hidden_message where user_id = :u and conversation_id = :c and seq = :seq)")
			.param("u", userId)
			.param("c", conversationId)
			.param("seq", seq)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Whether the reader can see a message, not deleted for everyone, that carries the
	 * upload {@code mediaId}.
	 */
	public boolean holdsAttachment(ConversationRepository.Member reader, String mediaId) {
		return this.jdbc
			.sql("select exists (select 1 from message m where " + VISIBLE
					+ " and m.deleted_version is null and cardinality(m.attachment_ids) > 0"
					+ " and m.attachment_ids @> array[:media]::text[])")
			.param("c", reader.conversationId())
			.param("cleared", reader.clearedSeq())
			.param("me", reader.userId())
			.param("media", mediaId)
			.query(Boolean.class)
			.single();
	}

	/** Newest first, older than {@code beforeSeq}. */
	public List<StoredMessage> before(ConversationRepository.Member reader, long beforeSeq, int limit) {
		return page("m.seq < :cursor order by m.seq desc", reader, beforeSeq, limit);
	}

	/** Oldest first, newer than {@code afterSeq}. */
	public List<StoredMessage> after(ConversationRepository.Member reader, long afterSeq, int limit) {
		return page("m.seq > :cursor order by m.seq", reader, afterSeq, limit);
	}

	/**
	 * Everything that changed for the reader after {@code version}, in the order it
	 * changed: new messages, deletions for everyone, and the messages the reader hid for
	 * themselves (on any device), each of those with its hide's number.
	 */
	public List<Change> changedAfter(ConversationRepository.Member reader, long version, int limit) {
		return this.jdbc
			.sql("""
					select * from (
					    select m.*, null::bigint as hidden_version, greatest(m.seq, coalesce(m.deleted_version, 0)) as change
					    from message m
					    where %s and (m.seq > :cursor or m.deleted_version > :cursor)
					  union all
					    select m.*, h.version as hidden_version, h.version as change
					    from hidden_message h
					    join message m on m.conversation_id = h.conversation_id and m.seq = h.seq
					    where h.user_id = :me and h.conversation_id = :c and h.version > :cursor and m.seq > :cleared
					) changes
					order by change
					limit :limit"""
				.formatted(VISIBLE))
			.param("c", reader.conversationId())
			.param("cleared", reader.clearedSeq())
			.param("me", reader.userId())
			.param("cursor", version)
			.param("limit", limit)
			.query((rs, n) -> new Change(message(rs, n), rs.getObject("hidden_version", Long.class)))
			.list();
	}

	/** A row of a catch-up: a message, and the hide's number if the reader hid it. */
	public record Change(StoredMessage message, Long hiddenVersion) {

		public MessageView view() {
			return (this.hiddenVersion != null) ? this.message.hiddenView(this.hiddenVersion) : this.message.view();
		}

	}

	/**
	 * For each of the user's conversations: the newest message they can see and how many
	 * messages of others they have not read (at most {@code cap}; messages of people they
	 * blocked do not count), in one query.
	 */
	public Map<UUID, Summary> summaries(UUID me, Collection<UUID> conversationIds, int cap) {
		if (conversationIds.isEmpty()) {
			return Map.of();
		}
		Map<UUID, Summary> result = new HashMap<>();
		this.jdbc.sql("""
				select mb.conversation_id as member_conversation_id, l.*,
				    (select count(*) from (select 1 from message x
				        where x.conversation_id = mb.conversation_id
				          and x.seq > greatest(mb.last_read_seq, mb.cleared_seq)
				          and x.sender_id <> mb.user_id and x.deleted_version is null
				          and %1$s
				          and not exists (select 1 from block b where b.active and b.blocker_id = mb.user_id
				                          and b.blocked_id = x.sender_id)
				        limit :cap) counted) as unread
				from member mb
				left join lateral (select x.* from message x
				    where x.conversation_id = mb.conversation_id and x.seq > mb.cleared_seq and %1$s
				    order by x.seq desc limit 1) l on true
				where mb.user_id = :me and mb.conversation_id in (:ids)""".formatted(notHidden("mb.user_id", "x")))
			.param("me", me)
			.param("ids", List.copyOf(conversationIds))
			.param("cap", cap)
			.query((rs) -> {
				StoredMessage last = (rs.getObject("id") != null) ? message(rs, 0) : null;
				result.put(rs.getObject("member_conversation_id", UUID.class), new Summary(last, rs.getInt("unread")));
			});
		return result;
	}

	private List<StoredMessage> page(String condition, ConversationRepository.Member reader, long cursor, int limit) {
		return this.jdbc.sql("select m.* from message m where " + VISIBLE + " and " + condition + " limit :limit")
			.param("c", reader.conversationId())
			.param("cleared", reader.clearedSeq())
			.param("me", reader.userId())
			.param("cursor", cursor)
			.param("limit", limit)
			.query(MessageRepository::message)
			.list();
	}

	/**
	 * SQL: the message aliased {@code message} is not hidden for the user {@code user}.
	 */
	private static String notHidden(String user, String message) {
		return """
				not exists (select 1 from hidden_message h
				            where h.user_id = %1$s and h.conversation_id = %2$s.conversation_id and h.seq = %2$s.seq)"""
			.formatted(user, message);
	}

	private static StoredMessage message(ResultSet rs, int n) throws SQLException {
		long version = rs.getLong("deleted_version");
		Long deletedVersion = rs.wasNull() ? null : version;
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_message_id"),
				rs.getString("text"), List.of(JSON.readValue(rs.getString("attachments"), Attachment[].class)),
				ConversationRepository.instant(rs, "created_at"), deletedVersion,
				ConversationRepository.instant(rs, "deleted_at"),
				"call".equals(rs.getString("kind"))
						? new MessageView.Call(rs.getString("call_media"), rs.getString("call_outcome"),
								rs.getLong("call_duration_seconds"), participants(rs.getArray("call_participant_ids")))
						: null);
	}

	private static List<UUID> participants(java.sql.Array array) throws SQLException {
		return (array != null) ? List.of((UUID[]) array.getArray()) : null;
	}

	/** The newest visible message ({@code null} when none) and the unread count. */
	public record Summary(StoredMessage last, int unread) {
	}

}
