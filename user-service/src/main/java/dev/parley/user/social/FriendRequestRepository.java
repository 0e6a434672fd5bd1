package dev.parley.user.social;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FriendRequestRepository {

	private final JdbcClient jdbc;

	FriendRequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Request> findForUpdate(UUID id) {
		return this.jdbc.sql("select id, sender_id, recipient_id, status from friend_request where id = :id for update")
			.param("id", id)
			.query((rs, n) -> new Request(rs.getObject("id", UUID.class), rs.getObject("sender_id", UUID.class),
					rs.getObject("recipient_id", UUID.class), rs.getString("status")))
			.optional();
	}

	/** The pending request between the two, whoever sent it. */
	Optional<Request> pendingBetween(UUID a, UUID b) {
		return this.jdbc.sql("""
				select id, sender_id, recipient_id, status from friend_request
				where status = 'PENDING' and least(sender_id, recipient_id) = least(:a, :b)
				  and greatest(sender_id, recipient_id) = greatest(:a, :b)
				for update
				""")
			.param("a", a)
			.param("b", b)
			.query((rs, n) -> new Request(rs.getObject("id", UUID.class), rs.getObject("sender_id", UUID.class),
					rs.getObject("recipient_id", UUID.class), rs.getString("status")))
			.optional();
	}

	/** When the recipient last declined a request from the sender, if ever. */
	Optional<java.time.Instant> lastDeclined(UUID sender, UUID recipient) {
		return this.jdbc
			.sql("select max(responded_at) from friend_request where sender_id = :s and recipient_id = :r "
					+ "and status = 'DECLINED'")
			.param("s", sender)
			.param("r", recipient)
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.map(java.sql.Timestamp::toInstant);
	}

	void insert(UUID id, UUID sender, UUID recipient) {
		this.jdbc
			.sql("insert into friend_request (id, sender_id, recipient_id, status) values (:id, :s, :r, 'PENDING')")
			.param("id", id)
			.param("s", sender)
			.param("r", recipient)
			.update();
	}

	void setStatus(UUID id, String status) {
		this.jdbc.sql("update friend_request set status = :status, responded_at = now() where id = :id")
			.param("status", status)
			.param("id", id)
			.update();
	}

	/**
	 * Pending requests to (incoming) or from (outgoing) the user, newest first, with the
	 * other person.
	 */
	List<Pending> pending(UUID me, boolean incoming) {
		String mine = incoming ? "recipient_id" : "sender_id";
		String other = incoming ? "sender_id" : "recipient_id";
		return this.jdbc
			.sql("select id, " + other + " as other, created_at from friend_request where status = 'PENDING' and "
					+ mine + " = :me order by created_at desc")
			.param("me", me)
			.query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("other", UUID.class),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	record Pending(UUID id, UUID other, java.time.Instant createdAt) {
	}

	record Request(UUID id, UUID sender, UUID recipient, String status) {

		boolean involves(UUID user) {
			return this.sender.equals(user) || this.recipient.equals(user);
		}

	}

}
