package dev.parley.message.social;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.platform.events.UserSummary;

import dev.parley.platform.events.EventCatchUp;
import dev.parley.platform.events.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * message-service's copy of who is who, who are friends and who blocked whom, kept from
 * user-service's events. Every write is last-writer-wins on the event time, so events of
 * one pair that arrive out of order (they are keyed by different users) settle right.
 */
@Repository
public class SocialGraph {

	private final JdbcClient jdbc;

	private final ObjectProvider<EventCatchUp> catchUp;

	SocialGraph(JdbcClient jdbc, ObjectProvider<EventCatchUp> catchUp) {
		this.jdbc = jdbc;
		this.catchUp = catchUp;
	}

	/**
	 * Like {@link #areFriends}, but a "no" is checked again after this service caught up
	 * with the social events: two people who became friends a moment ago are friends.
	 */
	public boolean areFriendsByNow(UUID a, UUID b) {
		return areFriends(a, b) || (caughtUp(Topics.SOCIAL_EVENTS) && areFriends(a, b));
	}

	private boolean caughtUp(String topic) {
		EventCatchUp events = this.catchUp.getIfAvailable();
		return events != null && events.await(topic);
	}

	public boolean areFriends(UUID a, UUID b) {
		return this.jdbc
			.sql("select exists (select 1 from friendship where user_low = :low and user_high = :high" + " and active)")
			.param("low", low(a, b))
			.param("high", high(a, b))
			.query(Boolean.class)
			.single();
	}

	/** Whether either blocked the other, and whether they are friends, in one query. */
	public Standing standing(UUID a, UUID b) {
		return this.jdbc
			.sql("""
					select exists (select 1 from block where active and ((blocker_id = :a and blocked_id = :b)
					                 or (blocker_id = :b and blocked_id = :a))) as blocked,
					       exists (select 1 from friendship where user_low = :low and user_high = :high and active) as friends""")
			.param("a", a)
			.param("b", b)
			.param("low", low(a, b))
			.param("high", high(a, b))
			.query((rs, n) -> new Standing(rs.getBoolean("blocked"), rs.getBoolean("friends")))
			.single();
	}

	/** Where two people stand with each other. */
	public record Standing(boolean blocked, boolean friends) {
	}

	/** Who among these people blocked whom. */
	public List<Block> blocksAmong(Collection<UUID> people) {
		if (people.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(
				"select blocker_id, blocked_id from block where active and blocker_id in (:ids) and blocked_id in (:ids)")
			.param("ids", List.copyOf(people))
			.query((rs, n) -> new Block(rs.getObject("blocker_id", UUID.class), rs.getObject("blocked_id", UUID.class)))
			.list();
	}

	/** The people the user blocked. */
	public Set<UUID> blockedBy(UUID blocker) {
		return Set.copyOf(this.jdbc.sql("select blocked_id from block where active and blocker_id = :me")
			.param("me", blocker)
			.query(UUID.class)
			.list());
	}

	/** One person blocked another. */
	public record Block(UUID blocker, UUID blocked) {
	}

	/** Whether either blocked the other. */
	public boolean blockedEitherWay(UUID a, UUID b) {
		return this.jdbc
			.sql("select exists (select 1 from block where active and ((blocker_id = :a and blocked_id = :b)"
					+ " or (blocker_id = :b and blocked_id = :a)))")
			.param("a", a)
			.param("b", b)
			.query(Boolean.class)
			.single();
	}

	/**
	 * People by id. Someone not known here yet (they signed up a moment ago) is looked up
	 * again after catching up with the account events, and shown as "Unknown user" only
	 * if still missing.
	 */
	public Map<UUID, UserSummary> people(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<UUID, UserSummary> known = known(ids);
		if (known.size() < ids.stream().distinct().count() && caughtUp(Topics.ACCOUNT_EVENTS)) {
			known = known(ids);
		}
		Map<UUID, UserSummary> found = known;
		return ids.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(),
					(id) -> found.getOrDefault(id, new UserSummary(id.toString(), "", "Unknown user", null))));
	}

	private Map<UUID, UserSummary> known(Collection<UUID> ids) {
		return this.jdbc.sql("select id, username, display_name, avatar_media_id from person where id in (:ids)")
			.param("ids", List.copyOf(ids))
			.query((rs, n) -> new UserSummary(rs.getString("id"), rs.getString("username"),
					rs.getString("display_name"), rs.getString("avatar_media_id")))
			.list()
			.stream()
			.collect(Collectors.toMap((u) -> UUID.fromString(u.id()), Function.identity()));
	}

	void savePerson(UserSummary user, Instant at) {
		this.jdbc.sql("""
				insert into person (id, username, display_name, avatar_media_id, changed_at)
				values (:id, :username, :name, :avatar, :at)
				on conflict (id) do update set username = excluded.username, display_name = excluded.display_name,
				    avatar_media_id = excluded.avatar_media_id, changed_at = excluded.changed_at
				where person.changed_at <= excluded.changed_at""")
			.param("id", UUID.fromString(user.id()))
			.param("username", user.username())
			.param("name", user.displayName())
			.param("avatar", user.avatarMediaId())
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Records the friendship's state as of {@code at}; false if a newer one is kept. */
	boolean setFriends(UUID a, UUID b, boolean active, Instant at) {
		return this.jdbc
			.sql("""
					insert into friendship (user_low, user_high, active, changed_at) values (:low, :high, :active, :at)
					on conflict (user_low, user_high) do update set active = excluded.active, changed_at = excluded.changed_at
					where friendship.changed_at <= excluded.changed_at""")
			.param("low", low(a, b))
			.param("high", high(a, b))
			.param("active", active)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** Records the block's state as of {@code at}; false if a newer one is kept. */
	boolean setBlocked(UUID blocker, UUID blocked, boolean active, Instant at) {
		return this.jdbc
			.sql("""
					insert into block (blocker_id, blocked_id, active, changed_at) values (:blocker, :blocked, :active, :at)
					on conflict (blocker_id, blocked_id) do update set active = excluded.active, changed_at = excluded.changed_at
					where block.changed_at <= excluded.changed_at""")
			.param("blocker", blocker)
			.param("blocked", blocked)
			.param("active", active)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	// PostgreSQL orders uuids as unsigned bytes, like their text; UUID.compareTo does
	// not.
	private static UUID low(UUID a, UUID b) {
		return (a.toString().compareTo(b.toString()) < 0) ? a : b;
	}

	private static UUID high(UUID a, UUID b) {
		return (a.toString().compareTo(b.toString()) < 0) ? b : a;
	}

}
