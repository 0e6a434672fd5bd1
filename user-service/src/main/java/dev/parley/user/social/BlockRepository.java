package dev.parley.user.social;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BlockRepository {

	private final JdbcClient jdbc;

	BlockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean blocks(UUID blocker, UUID blocked) {
		return this.jdbc.sql("select exists (select 1 from block where blocker_id = :a and blocked_id = :b)")
			.param("a", blocker)
			.param("b", blocked)
			.query(Boolean.class)
			.single();
	}

	boolean add(UUID blocker, UUID blocked) {
		return this.jdbc.sql("insert into block (blocker_id, blocked_id) values (:a, :b) on conflict do nothing")
			.param("a", blocker)
			.param("b", blocked)
			.update() == 1;
	}

	boolean remove(UUID blocker, UUID blocked) {
		return this.jdbc.sql("delete from block where blocker_id = :a and blocked_id = :b")
			.param("a", blocker)
			.param("b", blocked)
			.update() == 1;
	}

	List<Blocked> blockedBy(UUID blocker) {
		return this.jdbc.sql("select blocked_id, created_at from block where blocker_id = :a order by created_at desc")
			.param("a", blocker)
			.query((rs, n) -> new Blocked(rs.getObject("blocked_id", UUID.class),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	record Blocked(UUID id, Instant since) {
	}

}
