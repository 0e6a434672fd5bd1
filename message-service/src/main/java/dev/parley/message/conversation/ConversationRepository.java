package dev.parley.message.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations and their members. */
@Repository
public class ConversationRepository {

	private final JdbcClient jdbc;

	ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the conversation row until the transaction ends, so membership changes and
	 * new messages of one conversation happen one at a time.
	 */
	public Optional<Conversation> lock(UUID id) {
		return this.jdbc.sql("select * from conversation where id = :id for update")
			.param("id", id)
			.query(ConversationRepository::conversation)
			.optional();
	}

	public Optional<Conversation> find(UUID id) {
		return this.jdbc.sql("select * from conversation where id = :id")
			.param("id", id)
			.query(ConversationRepository::conversation)
			.optional();
	}

	Map<UUID, Conversation> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("select * from conversation where id in (:ids)")
			.param("ids", List.copyOf(ids))
			.query(ConversationRepository::conversation)
			.list()
			.stream()
			.collect(Collectors.toMap(Conversation::id, Function.identity()));
	}

	/** The user's memberships, the conversation with the latest activity first. */
	List<Member> membershipsOf(UUID userId) {
		return this.jdbc.sql("""
				select m.* from member m join conversation c on c.id = m.conversation_id
				where m.user_id = :u order by c.last_activity_at desc, c.id""")
			.param("u", userId)
			.query(ConversationRepository::member)
			.list();
	}

	/**
	 * Locks the conversation and takes the next number of its change order for a new
	 * message, in one statement; empty if there is no such conversation.
	 */
	public Optional<Conversation> advance(UUID id) {
		return this.jdbc
			.sql("update conversation set last_seq = last_seq + 1, last_activity_at = now() where id = :id returning *")
			.param("id", id)
			.query(ConversationRepository::conversation)
			.optional();
	}

	/** Takes the next number of the conversation's change order. */
	public long nextSeq(UUID id, boolean activity) {
		return this.jdbc
			.sql("update conversation set last_seq = last_seq + 1" + (activity ? ", last_activity_at = now()" : "")
					+ " where id = :id returning last_seq")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	/**
	 * Creates the pair's direct conversation unless it exists; returns whether it did.
	 */
	boolean createDirect(UUID id, String directKey) {
		return this.jdbc
			.sql("insert into conversation (id, kind, direct_key) values (:id, 'DIRECT', :key)"
					+ " on conflict (direct_key) do nothing")
			.param("id", id)
			.param("key", directKey)
			.update() == 1;
	}

	Optional<UUID> findDirect(String directKey) {
		return this.jdbc.sql("select id from conversation where direct_key = :key")
			.param("key", directKey)
			.query(UUID.class)
			.optional();
	}

	void createGroup(UUID id, String title) {
		this.jdbc.sql("insert into conversation (id, kind, title) values (:id, 'GROUP', :title)")
			.param("id", id)
			.param("title", title)
			.update();
	}

	void rename(UUID id, String title) {
		this.jdbc.sql("update conversation set title = :title, last_activity_at = now() where id = :id")
			.param("id", id)
			.param("title", title)
			.update();
	}

	/** The groups both are members of. */
	List<UUID> sharedGroups(UUID a, UUID b) {
		return this.jdbc.sql("""
				select c.id from conversation c
				join member ma on ma.conversation_id = c.id and ma.user_id = :a
				join member mb on mb.conversation_id = c.id and mb.user_id = :b
				where c.kind = 'GROUP'""").param("a", a).param("b", b).query(UUID.class).list();
	}

	void newMembersSeeHistory(UUID id, boolean see) {
		this.jdbc.sql("update conversation set new_members_see_history = :see where id = :id")
			.param("id", id)
			.param("see", see)
			.update();
	}

	void touch(UUID id) {
		this.jdbc.sql("update conversation set last_activity_at = now() where id = :id").param("id", id).update();
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from conversation where id = :id").param("id", id).update();
	}

	void addMember(UUID conversationId, UUID userId, Role role) {
		addMember(conversationId, userId, role, 0);
	}

	/**
	 * Adds a member who starts with everything up to {@code from} cleared and read (what
	 * was said before they joined, when the group keeps it from new members).
	 */
	void addMember(UUID conversationId, UUID userId, Role role, long from) {
		this.jdbc
			.sql("insert into member (conversation_id, user_id, role, cleared_seq, last_read_seq)"
					+ " values (:c, :u, :role, :from, :from) on conflict do nothing")
			.param("c", conversationId)
			.param("u", userId)
			.param("role", role.name())
			.param("from", from)
			.update();
	}

	/** Sets the member's own mute ({@code null}: not muted). */
	void mute(UUID conversationId, UUID userId, Instant until) {
		this.jdbc.sql("update member set muted_until = :until where conversation_id = :c and user_id = :u")
			.param("c", conversationId)
			.param("u", userId)
			.param("until", (until != null) ? Timestamp.from(until) : null, java.sql.Types.TIMESTAMP)
			.update();
	}

	void removeMember(UUID conversationId, UUID userId) {
		this.jdbc.sql("delete from member where conversation_id = :c and user_id = :u")
			.param("c", conversationId)
			.param("u", userId)
			.update();
	}

	void setRole(UUID conversationId, UUID userId, Role role) {
		this.jdbc.sql("update member set role = :role where conversation_id = :c and user_id = :u")
			.param("c", conversationId)
			.param("u", userId)
			.param("role", role.name())
			.update();
	}

	public Optional<Member> member(UUID conversationId, UUID userId) {
		return this.jdbc.sql("select * from member where conversation_id = :c and user_id = :u")
			.param("c", conversationId)
			.param("u", userId)
			.query(ConversationRepository::member)
			.optional();
	}

	/** Members in the order they joined. */
	public List<Member> members(UUID conversationId) {
		return members(List.of(conversationId));
	}

	List<Member> members(Collection<UUID> conversationIds) {
		if (conversationIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select * from member where conversation_id in (:ids) order by joined_at, user_id")
			.param("ids", List.copyOf(conversationIds))
			.query(ConversationRepository::member)
			.list();
	}

	public List<UUID> memberIds(UUID conversationId) {
		return members(conversationId).stream().map(Member::userId).toList();
	}

	/** Moves the member's read position forward; returns whether it moved. */
	public boolean markRead(UUID conversationId, UUID userId, long seq) {
		return this.jdbc
			.sql("update member set last_read_seq = :seq where conversation_id = :c and user_id = :u"
					+ " and last_read_seq < :seq")
			.param("c", conversationId)
			.param("u", userId)
			.param("seq", seq)
			.update() == 1;
	}

	/** Hides everything so far for the member, and counts it as read. */
	public void clear(UUID conversationId, UUID userId, long seq) {
		this.jdbc
			.sql("update member set cleared_seq = :seq, last_read_seq = greatest(last_read_seq, :seq)"
					+ " where conversation_id = :c and user_id = :u")
			.param("c", conversationId)
			.param("u", userId)
			.param("seq", seq)
			.update();
	}

	private static Conversation conversation(ResultSet rs, int n) throws SQLException {
		return new Conversation(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
				rs.getString("title"), rs.getString("direct_key"), instant(rs, "created_at"),
				instant(rs, "last_activity_at"), rs.getLong("last_seq"), rs.getBoolean("new_members_see_history"));
	}

	private static Member member(ResultSet rs, int n) throws SQLException {
		return new Member(rs.getObject("conversation_id", UUID.class), rs.getObject("user_id", UUID.class),
				Role.valueOf(rs.getString("role")), instant(rs, "joined_at"), rs.getLong("last_read_seq"),
				rs.getLong("cleared_seq"), instant(rs, "muted_until"));
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	public enum Kind {

		DIRECT, GROUP

	}

	public enum Role {

		ADMIN, MEMBER

	}

	/**
	 * @param newMembersSeeHistory whether people added to the group later see what was
	 * said before (off by default)
	 */
	public record Conversation(UUID id, Kind kind, String title, String directKey, Instant createdAt,
			Instant lastActivityAt, long lastSeq, boolean newMembersSeeHistory) {

		public boolean isGroup() {
			return this.kind == Kind.GROUP;
		}

		/** For a direct conversation, the other person of the pair. */
		public UUID peerOf(UUID me) {
			String[] pair = this.directKey.split(":");
			UUID first = UUID.fromString(pair[0]);
			return first.equals(me) ? UUID.fromString(pair[1]) : first;
		}

	}

	/** A membership; {@code mutedUntil} is the member's own mute ({@code null}: none). */
	public record Member(UUID conversationId, UUID userId, Role role, Instant joinedAt, long lastReadSeq,
			long clearedSeq, Instant mutedUntil) {

	}

}
