package dev.parley.user.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.platform.events.AccountRegistered;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ProfileRepository {

	/**
	 * The viewer's relationship to person {@code p}, and the pending request between
	 * them.
	 */
	private static final String RELATIONSHIP = """
			case
			  when exists (select 1 from block b where b.blocker_id = :me and b.blocked_id = p.id) then 'BLOCKED'
			  when exists (select 1 from friendship f where f.user_low = least(:me, p.id)
			               and f.user_high = greatest(:me, p.id)) then 'FRIEND'
			  when exists (select 1 from friend_request r where r.status = 'PENDING' and r.sender_id = :me
			               and r.recipient_id = p.id) then 'REQUEST_SENT'
			  when exists (select 1 from friend_request r where r.status = 'PENDING' and r.sender_id = p.id
			               and r.recipient_id = :me) then 'REQUEST_RECEIVED'
			  else 'NONE' end as relationship,
			(select r.id from friend_request r where r.status = 'PENDING'
			   and least(r.sender_id, r.recipient_id) = least(:me, p.id)
			   and greatest(r.sender_id, r.recipient_id) = greatest(:me, p.id)) as request_id
			""";

	private static final String HIDDEN_FROM_ME = """
			exists (select 1 from block b where b.blocker_id = p.id and b.blocked_id = :me)
			""";

	private final JdbcClient jdbc;

	ProfileRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Creates the profile of a new account; a repeated event changes nothing. */
	boolean createIfAbsent(AccountRegistered account) {
		return this.jdbc.sql("""
				insert into profile (id, username, username_key, display_name, display_name_key, email, email_key)
				values (:id, :username, :usernameKey, :displayName, :displayNameKey, :email, :emailKey)
				on conflict (id) do nothing
				""")
			.param("id", UUID.fromString(account.userId()))
			.param("username", account.username())
			.param("usernameKey", SearchKeys.of(account.username()))
			.param("displayName", account.displayName())
			.param("displayNameKey", SearchKeys.of(account.displayName()))
			.param("email", account.email())
			.param("emailKey", account.email().strip().toLowerCase(java.util.Locale.ROOT))
			.update() == 1;
	}

	public boolean exists(UUID id) {
		return this.jdbc.sql("select exists (select 1 from profile where id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	Optional<OwnProfile> findOwn(UUID id) {
		return this.jdbc.sql("select * from profile where id = :id")
			.param("id", id)
			.query((rs, n) -> new OwnProfile(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
					rs.getString("email"), rs.getString("bio"), rs.getString("avatar_media_id"),
					rs.getTimestamp("created_at").toInstant()))
			.optional();
	}

	/**
	 * Another person as the viewer may see them; empty when unknown or when they blocked
	 * the viewer.
	 */
	public Optional<PublicProfile> findPublic(UUID viewer, UUID id) {
		return this.jdbc
			.sql("select p.*, " + RELATIONSHIP + " from profile p where p.id = :id and not " + HIDDEN_FROM_ME)
			.param("me", viewer)
			.param("id", id)
			.query(ProfileRepository::publicProfile)
			.optional();
	}

	/**
	 * Several people at once (one query), by id; those hidden from the viewer are left
	 * out.
	 */
	Map<UUID, PublicProfile> findPublic(UUID viewer, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.sql("select p.*, " + RELATIONSHIP + " from profile p where p.id = any(:ids) and not " + HIDDEN_FROM_ME)
			.param("me", viewer)
			.param("ids", ids.toArray(UUID[]::new))
			.query(ProfileRepository::publicProfile)
			.list()
			.stream()
			.collect(Collectors.toMap((p) -> UUID.fromString(p.id()), (p) -> p));
	}

	/**
	 * Pairs each row with the person it names (one query for all), leaving out rows whose
	 * person is hidden from the viewer; row order is kept.
	 */
	public <T, R> List<R> withPeople(UUID viewer, List<T> rows, Function<T, UUID> person,
			BiFunction<T, PublicProfile, R> combine) {
		Map<UUID, PublicProfile> people = findPublic(viewer, rows.stream().map(person).toList());
		return rows.stream()
			.filter((row) -> people.containsKey(person.apply(row)))
			.map((row) -> combine.apply(row, people.get(person.apply(row))))
			.toList();
	}

	/**
	 * Prefix search on username and display name, or an exact e-mail, ordered by
	 * username; never the viewer, nor anyone on either side of a block with them.
	 */
	List<PublicProfile> search(UUID viewer, String query, String afterUsernameKey, int limit) {
		// Each branch uses its own index; relationships are worked out for the final page
		// only.
		return this.jdbc.sql("select p.*, " + RELATIONSHIP + """
				from (
				  select * from (
				    (select id, username_key from profile where username_key like :prefix and username_key > :after
				     order by username_key limit :window)
				    union
				    (select id, username_key from profile where display_name_key like :prefix and username_key > :after
				     order by username_key limit :window)
				    union
				    (select id, username_key from profile where email_key = :email and username_key > :after)
				  ) candidates
				  where id <> :me
				    and not exists (select 1 from block b where (b.blocker_id = candidates.id and b.blocked_id = :me)
				                                            or (b.blocker_id = :me and b.blocked_id = candidates.id))
				  order by username_key
				  limit :limit
				) page
				join profile p on p.id = page.id
				order by p.username_key
				""")
			.param("me", viewer)
			.param("prefix", SearchKeys.prefixPattern(query))
			.param("email", query.strip().toLowerCase(java.util.Locale.ROOT))
			.param("after", (afterUsernameKey != null) ? afterUsernameKey : "")
			.param("limit", limit)
			// Room for the viewer and blocked people, who are filtered out after the
			// index scans.
			.param("window", limit + 50)
			.query(ProfileRepository::publicProfile)
			.list();
	}

	/** Changes what is not null; an empty {@code avatarMediaId} clears the photo. */
	void update(UUID id, String displayName, String bio, String avatarMediaId) {
		this.jdbc.sql("""
				update profile set
				  display_name = coalesce(:displayName, display_name),
				  display_name_key = coalesce(:displayNameKey, display_name_key),
				  bio = coalesce(:bio, bio),
				  avatar_media_id = case when :avatar = '' then null else coalesce(:avatar, avatar_media_id) end,
				  updated_at = now()
				where id = :id
				""")
			.param("displayName", displayName)
			.param("displayNameKey", (displayName != null) ? SearchKeys.of(displayName) : null)
			.param("bio", bio)
			.param("avatar", avatarMediaId)
			.param("id", id)
			.update();
	}

	static PublicProfile publicProfile(ResultSet rs, int row) throws SQLException {
		String relationship = rs.getString("relationship");
		return new PublicProfile(rs.getString("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("bio"), rs.getString("avatar_media_id"), rs.getTimestamp("created_at").toInstant(),
				(relationship != null) ? Relationship.valueOf(relationship) : null, rs.getString("request_id"));
	}

}
