package dev.parley.user.social;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FriendshipRepository {

	private final JdbcClient jdbc;

	FriendshipRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(UUID a, UUID b) {
		return this.jdbc.sql("""
				select exists (select 1 from friendship where user_low = least(:a, :b) and user_high = greatest(:a, :b))
				""").param("a", a).param("b", b).query(Boolean.class).single();
	}

	/** Creates the friendship once, whatever the order of the two. */
	void create(UUID a, UUID b) {
		this.jdbc.sql("""
				insert into friendship (user_low, user_high) values (least(:a, :b), greatest(:a, :b))
				on conflict do nothing
				""").param("a", a).param("b", b).update();
	}

	/** Removes it for both; false when there was none. */
	public boolean remove(UUID a, UUID b) {
		return this.jdbc.sql("delete from friendship where user_low = least(:a, :b) and user_high = greatest(:a, :b)")
			.param("a", a)
			.param("b", b)
			.update() == 1;
	}

	/** The user's friends with the time they became friends. */
	List<Friend> friendsOf(UUID me) {
		return this.jdbc.sql("""
				select case when user_low = :me then user_high else user_low end as friend, created_at
				from friendship where user_low = :me or user_high = :me
				""")
			.param("me", me)
			.query((rs, n) -> new Friend(rs.getObject("friend", UUID.class), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	record Friend(UUID id, Instant since) {
	}

}
