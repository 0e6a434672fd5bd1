package dev.parley.message.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.parley.platform.media.Attachment;
import dev.parley.platform.protocol.ServerData;

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

	/** The snippet of the message joined as {@code r} ({@link #replyJoin}). */
	private static final String REPLY_COLUMNS = """
			r.id as reply_id, r.sender_id as reply_sender_id, left(r.text, %d) as reply_text,
			cardinality(r.attachment_ids) as reply_attachments, r.kind as reply_kind,
			r.deleted_version is not null as reply_deleted""".formatted(MessageView.ReplyTo.MAX_TEXT);

	/**
	 * A message row {@code m} with the snippet of the message it answers (if it is a
	 * reply), as {@link #message} reads them.
	 */
	private static final String SELECT = "select " + columns("m") + ", " + REPLY_COLUMNS + " from message m"
			+ replyJoin("m");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	MessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(StoredMessage message) {
		this.jdbc.sql("""
				insert into message (conversation_id, seq, id, sender_id, client_message_id, text, attachment_ids,
				                     attachments, created_at, kind, call_media, call_outcome, call_duration_seconds,
				                     call_participant_ids, reply_to_seq, mention_ids)
				values (:c, :seq, :id, :sender, :clientId, :text, :attachmentIds, :attachments::jsonb, :createdAt,
				        :kind, :callMedia, :callOutcome, :callDuration, :callParticipants, :replyTo, :mentions)""")
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
			.param("replyTo", message.replyToSeq(), java.sql.Types.BIGINT)
			.param("mentions", message.mentions().toArray(UUID[]::new))
			.update();
	}

	public Optional<StoredMessage> findByClientId(UUID senderId, String clientMessageId) {
		return this.jdbc.sql(SELECT + " where m.sender_id = :sender and m.client_message_id = :clientId")
			.param("sender", senderId)
			.param("clientId", clientMessageId)
			.query(MessageRepository::message)
			.optional();
	}

	public Optional<StoredMessage> find(UUID conversationId, UUID messageId) {
		return this.jdbc.sql(SELECT + " where m.id = :id and m.conversation_id = :c")
			.param("id", messageId)
			.param("c", conversationId)
			.query(MessageRepository::message)
			.optional();
	}

	/** Deletes for everyone: the text, files and reactions go. */
	public void deleteForEveryone(UUID conversationId, long seq, long version) {
		this.jdbc.sql("delete from reaction where conversation_id = :c and seq = :seq")
			.param("c", conversationId)
			.param("seq", seq)
			.update();
		this.jdbc
			.sql("""
					update message set text = '', attachment_ids = '{}', attachments = '[]', deleted_version = :version, deleted_at = now()
					where conversation_id = :c and seq = :seq""")
			.param("c", conversationId)
			.param("seq", seq)
			.param("version", version)
			.update();
	}

	/**
	 * Replaces the text (and the members it mentions), as change {@code version} of the
	 * conversation.
	 */
	public void edit(UUID conversationId, long seq, String text, List<UUID> mentions, Instant editedAt, long version) {
		this.jdbc
			.sql("update message set text = :text, mention_ids = :mentions, edited_at = :editedAt,"
					+ " changed_version = :version where conversation_id = :c and seq = :seq")
			.param("c", conversationId)
			.param("seq", seq)
			.param("text", text)
			.param("mentions", mentions.toArray(UUID[]::new))
			.param("editedAt", java.sql.Timestamp.from(editedAt))
			.param("version", version)
			.update();
	}

	/** Notes a change (a reaction) as change {@code version} of the conversation. */
	public void changed(UUID conversationId, long seq, long version) {
		this.jdbc.sql("update message set changed_version = :version where conversation_id = :c and seq = :seq")
			.param("c", conversationId)
			.param("seq", seq)
			.param("version", version)
			.update();
	}

	/**
	 * The members who can see the message at {@code seq}: it is neither cleared (for
	 * instance before they joined a group that keeps its history from newcomers) nor
	 * hidden for them.
	 */
	public List<UUID> readersOf(UUID conversationId, long seq) {
		return this.jdbc.sql("""
				select mb.user_id from member mb
				where mb.conversation_id = :c and mb.cleared_seq < :seq
				  and not exists (select 1 from hidden_message h
				                  where h.user_id = mb.user_id and h.conversation_id = :c and h.seq = :seq)
				order by mb.joined_at, mb.user_id""")
			.param("c", conversationId)
			.param("seq", seq)
			.query(UUID.class)
			.list();
	}

	/** Adds the person's reaction; whether it is new. */
	public boolean addReaction(UUID conversationId, long seq, UUID userId, String emoji) {
		return this.jdbc.sql("""
				insert into reaction (conversation_id, seq, emoji, user_id) values (:c, :seq, :emoji, :u)
				on conflict do nothing""")
			.param("c", conversationId)
			.param("seq", seq)
			.param("emoji", emoji)
			.param("u", userId)
			.update() > 0;
	}

	/** Takes the person's reaction back; whether there was one. */
	public boolean removeReaction(UUID conversationId, long seq, UUID userId, String emoji) {
		return this.jdbc
			.sql("delete from reaction where conversation_id = :c and seq = :seq and emoji = :emoji and user_id = :u")
			.param("c", conversationId)
			.param("seq", seq)
			.param("emoji", emoji)
			.param("u", userId)
			.update() > 0;
	}

	/** How many different emoji the person put on the message. */
	public int reactionsBy(UUID conversationId, long seq, UUID userId) {
		return this.jdbc.sql("select count(*) from reaction where conversation_id = :c and seq = :seq and user_id = :u")
			.param("c", conversationId)
			.param("seq", seq)
			.param("u", userId)
			.query(Integer.class)
			.single();
	}

	/**
	 * The reactions of these messages, by message id: each emoji with who used it, in the
	 * order the emoji was first used (and people in the order they reacted).
	 */
	public Map<UUID, List<ServerData.Reaction>> reactions(Collection<StoredMessage> messages) {
		List<StoredMessage> reacted = messages.stream().filter((m) -> m.changedVersion() != null).toList();
		if (reacted.isEmpty()) {
			return Map.of();
		}
		Map<String, UUID> ids = new HashMap<>();
		reacted.forEach((m) -> ids.put(m.conversationId() + ":" + m.seq(), m.id()));
		Map<UUID, List<ServerData.Reaction>> result = new HashMap<>();
		this.jdbc.sql("""
				select r.conversation_id, r.seq, r.emoji, array_agg(r.user_id order by r.created_at, r.user_id) as users
				from reaction r
				join unnest(:conversations::uuid[], :seqs::bigint[]) as k(conversation_id, seq)
				  on r.conversation_id = k.conversation_id and r.seq = k.seq
				group by r.conversation_id, r.seq, r.emoji
				order by min(r.created_at), r.emoji""")
			.param("conversations", reacted.stream().map(StoredMessage::conversationId).toArray(UUID[]::new))
			.param("seqs", reacted.stream().map(StoredMessage::seq).toArray(Long[]::new))
			.query((rs) -> {
				UUID id = ids.get(rs.getObject("conversation_id", UUID.class) + ":" + rs.getLong("seq"));
				List<String> users = java.util.Arrays.stream((UUID[]) rs.getArray("users").getArray())
					.map(UUID::toString)
					.toList();
				result.computeIfAbsent(id, (key) -> new ArrayList<>())
					.add(new ServerData.Reaction(rs.getString("emoji"), users.size(), users));
			});
		return result;
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
		return this.jdbc.sql("""
				select * from (
				    select %4$s, %2$s, null::bigint as hidden_version,
				           greatest(m.seq, coalesce(m.deleted_version, 0), coalesce(m.changed_version, 0)) as change
				    from message m %3$s
				    where %1$s and (m.seq > :cursor or m.deleted_version > :cursor or m.changed_version > :cursor)
				  union all
				    select %4$s, %2$s, h.version as hidden_version, h.version as change
				    from hidden_message h
				    join message m on m.conversation_id = h.conversation_id and m.seq = h.seq %3$s
				    where h.user_id = :me and h.conversation_id = :c and h.version > :cursor and m.seq > :cleared
				) changes
				order by change
				limit :limit""".formatted(VISIBLE, REPLY_COLUMNS, replyJoin("m"), columns("m")))
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

		public MessageView view(List<ServerData.Reaction> reactions) {
			return (this.hiddenVersion != null) ? this.message.hiddenView(this.hiddenVersion)
					: this.message.view(reactions);
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
		this.jdbc
			.sql("""
					select mb.conversation_id as member_conversation_id, l.*,
					    (select count(*) from (select 1 from message x
					        where x.conversation_id = mb.conversation_id
					          and x.seq > greatest(mb.last_read_seq, mb.cleared_seq)
					          and x.sender_id <> mb.user_id and x.deleted_version is null
					          and %1$s
					          and not exists (select 1 from block b where b.active and b.blocker_id = mb.user_id
					                          and b.blocked_id = x.sender_id)
					        limit :cap) counted) as unread,
					    (select count(*) from (select 1 from message x
					        where x.conversation_id = mb.conversation_id
					          and x.seq > greatest(mb.last_read_seq, mb.cleared_seq)
					          and x.sender_id <> mb.user_id and x.deleted_version is null
					          and x.mention_ids @> array[mb.user_id]
					          and %1$s
					          and not exists (select 1 from block b where b.active and b.blocker_id = mb.user_id
					                          and b.blocked_id = x.sender_id)
					        limit :cap) counted) as unread_mentions
					from member mb
					left join lateral (select %4$s, %2$s from message x %3$s
					    where x.conversation_id = mb.conversation_id and x.seq > mb.cleared_seq and %1$s
					    order by x.seq desc limit 1) l on true
					where mb.user_id = :me and mb.conversation_id in (:ids)""".formatted(notHidden("mb.user_id", "x"),
					REPLY_COLUMNS, replyJoin("x"), columns("x")))
			.param("me", me)
			.param("ids", List.copyOf(conversationIds))
			.param("cap", cap)
			.query((rs) -> {
				StoredMessage last = (rs.getObject("id") != null) ? message(rs, 0) : null;
				result.put(rs.getObject("member_conversation_id", UUID.class),
						new Summary(last, rs.getInt("unread"), rs.getInt("unread_mentions")));
			});
		return result;
	}

	private List<StoredMessage> page(String condition, ConversationRepository.Member reader, long cursor, int limit) {
		return this.jdbc.sql(SELECT + " where " + VISIBLE + " and " + condition + " limit :limit")
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

	/**
	 * SQL: the columns {@link #message} reads of the message aliased {@code message}: all
	 * but its search words, which only the search's own conditions use.
	 */
	private static String columns(String message) {
		return Stream
			.of("conversation_id", "seq", "id", "sender_id", "client_message_id", "text", "attachment_ids",
					"attachments", "created_at", "deleted_version", "deleted_at", "kind", "call_media", "call_outcome",
					"call_duration_seconds", "call_participant_ids", "reply_to_seq", "edited_at", "changed_version",
					"mention_ids")
			.map((column) -> message + "." + column)
			.collect(Collectors.joining(", "));
	}

	/**
	 * SQL: joins as {@code r} the message that the message aliased {@code message}
	 * answers (its {@link #REPLY_COLUMNS} all null when it answers none).
	 */
	private static String replyJoin(String message) {
		return " left join message r on r.conversation_id = %1$s.conversation_id and r.seq = %1$s.reply_to_seq"
			.formatted(message);
	}

	private static StoredMessage message(ResultSet rs, int n) throws SQLException {
		Long deletedVersion = rs.getObject("deleted_version", Long.class);
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getLong("seq"), rs.getObject("sender_id", UUID.class), rs.getString("client_message_id"),
				rs.getString("text"), List.of(JSON.readValue(rs.getString("attachments"), Attachment[].class)),
				ConversationRepository.instant(rs, "created_at"), deletedVersion,
				ConversationRepository.instant(rs, "deleted_at"),
				"call".equals(rs.getString("kind"))
						? new MessageView.Call(rs.getString("call_media"), rs.getString("call_outcome"),
								rs.getLong("call_duration_seconds"), participants(rs.getArray("call_participant_ids")))
						: null,
				rs.getObject("reply_to_seq", Long.class), replyTo(rs), ConversationRepository.instant(rs, "edited_at"),
				rs.getObject("changed_version", Long.class), List.of((UUID[]) rs.getArray("mention_ids").getArray()));
	}

	private static MessageView.ReplyTo replyTo(ResultSet rs) throws SQLException {
		UUID id = rs.getObject("reply_id", UUID.class);
		return (id != null) ? new MessageView.ReplyTo(id.toString(),
				rs.getObject("reply_sender_id", UUID.class).toString(), rs.getString("reply_text"),
				rs.getInt("reply_attachments"), rs.getString("reply_kind"), rs.getBoolean("reply_deleted"), false)
				: null;
	}

	private static List<UUID> participants(java.sql.Array array) throws SQLException {
		return (array != null) ? List.of((UUID[]) array.getArray()) : null;
	}

	/**
	 * Messages the reader can see that match the query ({@code websearch_to_tsquery}
	 * syntax), most relevant first (then newest), after {@code cursor} when given; in one
	 * conversation or in all of the reader's. Left out: what is deleted for everyone,
	 * hidden or cleared for the reader, and in groups what people the reader blocked
	 * wrote. Each with its headline: the matching part of the text, the matched words
	 * between {@code \u0001} and {@code \u0002}.
	 */
	public List<SearchHit> search(UUID reader, UUID conversationId, String query, SearchHit.Cursor cursor, int limit) {
		return this.jdbc
			.sql("""
					with q as (select websearch_to_tsquery('parley_search', :q) as query),
					hits as (
					    select %4$s, c.kind as conversation_kind, ts_rank_cd(m.search_vector, q.query) as rank
					    from q, member mb
					    join conversation c on c.id = mb.conversation_id
					    join message m on m.conversation_id = mb.conversation_id
					    where mb.user_id = :me and (:c::uuid is null or mb.conversation_id = :c::uuid)
					      and m.search_vector @@ q.query and m.deleted_version is null and m.seq > mb.cleared_seq
					      and %1$s
					      and (c.kind = 'DIRECT' or not exists (select 1 from block b
					           where b.active and b.blocker_id = :me and b.blocked_id = m.sender_id))
					      and (:cursorId::uuid is null or (ts_rank_cd(m.search_vector, q.query), m.created_at, m.id)
					                                       < (:cursorRank::real, :cursorAt, :cursorId::uuid))
					    order by rank desc, m.created_at desc, m.id desc
					    limit :limit)
					select hits.*, %2$s,
					       ts_headline('parley_search', hits.text, q.query,
					          case when length(hits.text) <= :whole then :wholeOptions else :fragmentOptions end) as headline
					from q, hits %3$s
					order by hits.rank desc, hits.created_at desc, hits.id desc"""
				.formatted(notHidden(":me", "m"), REPLY_COLUMNS, replyJoin("hits"), columns("m")))
			.param("q", query)
			.param("me", reader)
			.param("c", conversationId, java.sql.Types.OTHER)
			.param("cursorId", (cursor != null) ? cursor.id() : null, java.sql.Types.OTHER)
			.param("cursorRank", (cursor != null) ? cursor.rank() : null, java.sql.Types.REAL)
			.param("cursorAt", (cursor != null) ? java.sql.Timestamp.from(cursor.createdAt()) : null,
					java.sql.Types.TIMESTAMP)
			.param("limit", limit)
			.param("whole", SearchHit.WHOLE_TEXT)
			.param("wholeOptions", SearchHit.WHOLE_OPTIONS)
			.param("fragmentOptions", SearchHit.FRAGMENT_OPTIONS)
			.query((rs, n) -> new SearchHit(message(rs, n), "GROUP".equals(rs.getString("conversation_kind")),
					rs.getFloat("rank"), rs.getString("headline")))
			.list();
	}

	/**
	 * What a search query asks for: nothing at all (no word in it), or only words to
	 * leave out (which would match nearly everything), or something to find.
	 */
	public QueryKind searchQueryKind(String query) {
		return this.jdbc.sql("""
				select numnode(q) as nodes, querytree(q) as tree from websearch_to_tsquery('parley_search', :q) q""")
			.param("q", query)
			.query((rs, n) -> (rs.getInt("nodes") == 0) ? QueryKind.EMPTY
					: "T".equals(rs.getString("tree")) ? QueryKind.ONLY_EXCLUSIONS : QueryKind.WORDS)
			.single();
	}

	public enum QueryKind {

		EMPTY, ONLY_EXCLUSIONS, WORDS

	}

	/**
	 * Where a search page ends: the rank of the message {@code messageId} for the query,
	 * if the reader can see it (not deleted for everyone, hidden or cleared for them).
	 */
	public Optional<SearchHit.Cursor> searchCursor(UUID reader, UUID messageId, String query) {
		return this.jdbc
			.sql("""
					select m.id, m.created_at, ts_rank_cd(m.search_vector, websearch_to_tsquery('parley_search', :q)) as rank
					from message m join member mb on mb.conversation_id = m.conversation_id and mb.user_id = :me
					where m.id = :id and m.deleted_version is null and m.seq > mb.cleared_seq and %s"""
				.formatted(notHidden(":me", "m")))
			.param("q", query)
			.param("me", reader)
			.param("id", messageId)
			.query((rs, n) -> new SearchHit.Cursor(rs.getObject("id", UUID.class), rs.getFloat("rank"),
					ConversationRepository.instant(rs, "created_at")))
			.optional();
	}

	/**
	 * The newest visible message ({@code null} when none), the unread count, and how many
	 * of the unread messages mention the reader.
	 */
	public record Summary(StoredMessage last, int unread, int unreadMentions) {
	}

}
