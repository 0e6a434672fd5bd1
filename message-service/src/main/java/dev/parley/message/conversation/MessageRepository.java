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
import java.util.Set;
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
	 * What the search query {@code query} ({@code websearch_to_tsquery} syntax) asks for,
	 * how many messages the reader can see (in {@code conversationId}, or in all their
	 * conversations), and whom they blocked. Its words are the ones a match holds (all of
	 * them, or with {@code or} at least one), not the ones to leave out.
	 */
	public SearchQuery searchQuery(UUID reader, UUID conversationId, String query) {
		return this.jdbc.sql("""
				with q as (select websearch_to_tsquery('parley_search', :q) as query),
				t as (select q.query, querytree(q.query) as tree from q)
				select numnode(t.query) as nodes, t.tree, t.query::text as tsquery,
				       array(select distinct replace(regexp_replace(m[1], '\\\\(.)', '\\1', 'g'), '''''', '''')
				             from regexp_matches(t.tree, '''((?:[^'']|'''')*)''', 'g') m) as words,
				       r.messages, r.conversations,
				       array(select blocked_id from block where active and blocker_id = :me) as blocked
				from t, (select coalesce(sum(c.last_seq - mb.cleared_seq), 0) as messages, count(*) as conversations
				         from member mb join conversation c on c.id = mb.conversation_id
				         where mb.user_id = :me and (:c::uuid is null or mb.conversation_id = :c::uuid)) r""")
			.param("q", query)
			.param("me", reader)
			.param("c", conversationId, java.sql.Types.OTHER)
			.query((rs, n) -> {
				String tree = rs.getString("tree");
				return new SearchQuery(
						(rs.getInt("nodes") == 0) ? QueryKind.EMPTY
								: "T".equals(tree) ? QueryKind.ONLY_EXCLUSIONS : QueryKind.WORDS,
						rs.getString("tsquery"), List.of((String[]) rs.getArray("words").getArray()),
						tree != null && tree.contains("|"), rs.getLong("messages"), rs.getInt("conversations"),
						Set.of((UUID[]) rs.getArray("blocked").getArray()));
			})
			.single();
	}

	/**
	 * A search query as PostgreSQL read it: its kind, the {@code tsquery} (as text), the
	 * words a match holds (at least one of them when {@code anyWord}, else all), how many
	 * messages the reader can see, in how many conversations, and whom the reader
	 * blocked.
	 */
	public record SearchQuery(QueryKind kind, String tsquery, List<String> words, boolean anyWord, long messages,
			int conversations, Set<UUID> blocked) {
	}

	/**
	 * How often PostgreSQL's statistics say the most used words are in a message (a
	 * share, 0 to 1; up to a thousand words, as of the last {@code ANALYZE}).
	 */
	public Map<String, Float> wordShares() {
		return this.jdbc.sql("""
				select e.word, e.share
				from pg_stats s,
				     unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(word, share)
				where s.schemaname = current_schema() and s.tablename = 'message' and s.attname = 'search_vector'
				  and e.word is not null""")
			.query((rs, n) -> Map.entry(rs.getString("word"), rs.getFloat("share")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
	}

	public enum QueryKind {

		EMPTY, ONLY_EXCLUSIONS, WORDS

	}

	/**
	 * Messages the reader can see that match the query, most relevant first
	 * ({@code ts_rank_cd}, then newest), after {@code cursor} when given; in one
	 * conversation or in all of the reader's. Every match is ranked, so this costs as
	 * much as there are matches: the index ({@code search_keys}) gives the messages of
	 * the reader's conversations that hold one of the words {@code lookedUp} (all the
	 * query's words when a match holds any of them, else the rarest is enough), and each
	 * is read once.
	 */
	public List<SearchHit> searchByRelevance(UUID reader, UUID conversationId, SearchQuery query, List<String> lookedUp,
			SearchHit.Cursor cursor, int limit) {
		return searchPage("""
				readable as materialized (%1$s),
				keys as (select array_agg(k) as keys from readable,
				         unnest(search_keys(readable.conversation_id, array_to_tsvector(:words::text[]))) k),
				found as materialized (
				    select m.conversation_id, m.seq, m.id, m.created_at, m.sender_id,
				           ts_rank_cd(m.search_vector, :tsq::tsquery) as rank
				    from message m
				    where search_keys(m.conversation_id, m.search_vector) && (select keys from keys)
				      and m.search_vector @@ :tsq::tsquery and m.deleted_version is null),
				top as (
				    select f.conversation_id, f.seq, f.rank, r.kind
				    from found f join readable r on r.conversation_id = f.conversation_id
				    where f.seq > r.cleared_seq and %2$s
				      and (:cursorId::uuid is null or (f.rank, f.created_at, f.id)
				                                       < (:cursorRank::real, :cursorAt, :cursorId::uuid))
				    order by f.rank desc, f.created_at desc, f.id desc
				    limit :limit)""".formatted(READABLE, notBlockedOrHidden("r", "f")),
				"top.rank desc, m.created_at desc, m.id desc", reader, conversationId, query, cursor, limit)
			.param("words", lookedUp.toArray(String[]::new))
			.query((rs, n) -> new SearchHit(message(rs, n), "GROUP".equals(rs.getString("kind")),
					rs.getString("headline")))
			.list();
	}

	/**
	 * Messages the reader can see that match the query, newest first, after
	 * {@code cursor} when given. Each of the reader's conversations is read backwards
	 * from its newest message, so a word in many messages costs little however many there
	 * are, and a rare one costs a read of all the reader's messages
	 * ({@link #searchByRelevance} is the way for those). Two passes: first each
	 * conversation's newest {@code first} matches; then, from the conversations that gave
	 * that many and whose oldest of them still made the first pass's page, the older
	 * matches (up to a page in all). A conversation whose {@code first} matches did not
	 * all make that page has nothing older that could, since within a conversation a
	 * later {@code seq} is never an earlier time. So only the few conversations whose
	 * matches crowd the page are read deeper: with {@code first} near
	 * {@code limit / sqrt(conversations)}, about {@code 2 * limit * sqrt(conversations)}
	 * matches are read instead of {@code limit * conversations}.
	 */
	public List<SearchHit> searchByTime(UUID reader, UUID conversationId, SearchQuery query, SearchHit.Cursor cursor,
			int first, int limit) {
		String matches = """
				select m.seq, m.id, m.created_at from message m
				where m.conversation_id = r.conversation_id and m.seq > r.cleared_seq
				  and m.search_vector @@ :tsq::tsquery and m.deleted_version is null and %s
				  and (:cursorId::uuid is null or (m.created_at, m.id) < (:cursorAt, :cursorId::uuid))"""
			.formatted(notBlockedOrHidden("r", "m"));
		return searchPage(
				"""
						readable as materialized (%1$s),
						first as materialized (
						    select r.conversation_id, r.kind, f.seq, f.id, f.created_at
						    from readable r join lateral (%2$s
						        order by m.seq desc limit :first) f on true),
						edge as (select created_at, id from first order by created_at desc, id desc offset (:limit - 1) limit 1),
						more as (
						    select conversation_id, min(seq) as below from first group by conversation_id
						    having count(*) = :first
						       and coalesce(bool_and((created_at, id) >= (select created_at, id from edge)), true)),
						second as (
						    select r.conversation_id, r.kind, f.seq, f.id, f.created_at
						    from more join readable r using (conversation_id) join lateral (%2$s and m.seq < more.below
						        order by m.seq desc limit (:limit - :first)) f on true),
						top as (
						    select conversation_id, seq, kind from (select * from first union all select * from second) u
						    order by created_at desc, id desc
						    limit :limit)"""
					.formatted(READABLE, matches),
				"m.created_at desc, m.id desc", reader, conversationId, query, cursor, limit)
			.param("first", first)
			.query((rs, n) -> new SearchHit(message(rs, n), "GROUP".equals(rs.getString("kind")),
					rs.getString("headline")))
			.list();
	}

	/** SQL: the reader's conversations to search, with where their history starts. */
	private static final String READABLE = """
			select mb.conversation_id, mb.cleared_seq, c.kind from member mb
			join conversation c on c.id = mb.conversation_id
			where mb.user_id = :me and (:c::uuid is null or mb.conversation_id = :c::uuid)""";

	/**
	 * SQL, for a search (which checks many messages): in a group (the conversation
	 * aliased {@code readable}), the message aliased {@code message} was not written by
	 * someone the reader blocked, and the reader did not hide it. Who they blocked and
	 * what they hid is read once for the whole query, not once a message.
	 */
	private static String notBlockedOrHidden(String readable, String message) {
		return """
				(%1$s.kind = 'DIRECT'
				 or %2$s.sender_id <> all(array(select blocked_id from block where active and blocker_id = :me)))
				and (%2$s.conversation_id, %2$s.seq) not in (select conversation_id, seq from hidden_message
				                                             where user_id = :me)""".formatted(readable, message);
	}

	/**
	 * A page of search results: {@code top} (queries after {@code with}, the last one
	 * named {@code top} giving the page's messages and their conversation's kind) in
	 * {@code order}, with each message, the message it answers and its headline.
	 */
	private JdbcClient.StatementSpec searchPage(String top, String order, UUID reader, UUID conversationId,
			SearchQuery query, SearchHit.Cursor cursor, int limit) {
		return this.jdbc.sql("""
				with %1$s
				select %2$s, %3$s, top.kind,
				       ts_headline('parley_search', m.text, :tsq::tsquery,
				          case when length(m.text) <= :whole then :wholeOptions else :fragmentOptions end) as headline
				from top join message m on m.conversation_id = top.conversation_id and m.seq = top.seq %4$s
				order by %5$s""".formatted(top, columns("m"), REPLY_COLUMNS, replyJoin("m"), order))
			.param("tsq", query.tsquery())
			.param("me", reader)
			.param("c", conversationId, java.sql.Types.OTHER)
			.param("cursorId", (cursor != null) ? cursor.id() : null, java.sql.Types.OTHER)
			.param("cursorRank", (cursor != null) ? cursor.rank() : null, java.sql.Types.REAL)
			.param("cursorAt", (cursor != null) ? java.sql.Timestamp.from(cursor.createdAt()) : null,
					java.sql.Types.TIMESTAMP)
			.param("limit", limit)
			.param("whole", SearchHit.WHOLE_TEXT)
			.param("wholeOptions", SearchHit.WHOLE_OPTIONS)
			.param("fragmentOptions", SearchHit.FRAGMENT_OPTIONS);
	}

	/**
	 * Where a search page ends: the message {@code messageId}, its time and its rank for
	 * the query, if the reader can see it (not deleted for everyone, hidden or cleared
	 * for them).
	 */
	public Optional<SearchHit.Cursor> searchCursor(UUID reader, UUID messageId, SearchQuery query) {
		return this.jdbc
			.sql("""
					select m.id, m.created_at, ts_rank_cd(m.search_vector, :tsq::tsquery) as rank
					from message m join member mb on mb.conversation_id = m.conversation_id and mb.user_id = :me
					where m.id = :id and m.deleted_version is null and m.seq > mb.cleared_seq and %s"""
				.formatted(notHidden(":me", "m")))
			.param("tsq", query.tsquery())
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
