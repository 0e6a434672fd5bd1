package dev.parley.message.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.parley.message.conversation.ConversationRepository.Conversation;
import dev.parley.message.conversation.ConversationRepository.Kind;
import dev.parley.message.conversation.ConversationRepository.Member;
import dev.parley.message.conversation.ConversationRepository.Role;
import dev.parley.message.conversation.ConversationView.MemberView;
import dev.parley.message.live.LiveEvents;
import dev.parley.message.social.FriendshipCheck;
import dev.parley.message.social.PairChanged;
import dev.parley.message.social.SocialGraph;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.events.UserSummary;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;
import dev.parley.platform.text.Names;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Direct and group conversations and who is in them. Every call checks that the caller is
 * a member; changes to a group lock its row, so two admins leaving at once still leave an
 * admin behind.
 */
@Service
public class Conversations {

	static final int MAX_MEMBERS = 256;

	static final int MAX_TITLE = 100;

	private static final int UNREAD_CAP = 999;

	private final ConversationRepository conversations;

	private final MessageRepository messages;

	private final SocialGraph graph;

	private final LiveEvents live;

	private final FriendshipCheck friendships;

	Conversations(ConversationRepository conversations, MessageRepository messages, SocialGraph graph, LiveEvents live,
			FriendshipCheck friendships) {
		this.conversations = conversations;
		this.messages = messages;
		this.graph = graph;
		this.live = live;
		this.friendships = friendships;
	}

	/** The caller's membership, or why they cannot use the conversation. */
	public Member requireMember(UUID conversationId, UUID me) {
		return this.conversations.member(conversationId, me).orElseThrow(() -> {
			if (this.conversations.find(conversationId).isEmpty()) {
				return ApiException.notFound("CONVERSATION_NOT_FOUND", "There is no such conversation.");
			}
			return ApiException.forbidden("NOT_A_MEMBER", "You are not a member of this conversation.");
		});
	}

	/**
	 * Who may get typing, or a call, in the conversation, for a member who asks: everyone
	 * in it; in a direct conversation only while the two may message each other (a block
	 * or an ended friendship refuses it with the same code a send would get).
	 */
	@Transactional(readOnly = true)
	public Audience audience(UUID conversationId, UUID me) {
		requireMember(conversationId, me);
		Conversation conversation = this.conversations.find(conversationId).orElseThrow();
		if (!conversation.isGroup()) {
			requireMessageable(me, conversation.peerOf(me));
		}
		List<UUID> members = this.conversations.memberIds(conversationId);
		return new Audience(conversation.kind(), members,
				conversation.isGroup() ? this.graph.blocksAmong(members) : List.of());
	}

	/**
	 * The kind of a conversation, its members, and in a group who among them blocked whom
	 * (their typing is not shown to those who blocked them).
	 */
	public record Audience(Kind kind, List<UUID> memberIds, List<SocialGraph.Block> blocks) {
	}

	/**
	 * The friendship or a block between two people changed: their direct conversation (if
	 * any) and the groups they share are announced as changed, without frames, so
	 * signaling-service drops what it cached about who may get typing there.
	 */
	@EventListener
	public void on(PairChanged change) {
		this.conversations.findDirect(directKey(change.a(), change.b()))
			.ifPresent((id) -> this.live.publish(id, MessageEvents.CONVERSATION_UPDATED, List.of(), null));
		this.conversations.sharedGroups(change.a(), change.b())
			.forEach((id) -> this.live.publish(id, MessageEvents.CONVERSATION_UPDATED, List.of(), null));
	}

	private static String directKey(UUID a, UUID b) {
		return (a.toString().compareTo(b.toString()) < 0) ? a + ":" + b : b + ":" + a;
	}

	@Transactional(readOnly = true)
	public List<ConversationView> list(UUID me) {
		List<Member> mine = this.conversations.membershipsOf(me);
		return views(me, mine);
	}

	@Transactional(readOnly = true)
	public ConversationView get(UUID me, UUID conversationId) {
		return views(me, List.of(requireMember(conversationId, me))).getFirst();
	}

	/**
	 * Mutes the conversation for the caller until then, or unmutes it ({@code null}, or a
	 * time already past); the caller's devices are told ({@code conversation.muted}).
	 */
	@Transactional
	public ConversationView mute(UUID me, UUID conversationId, Instant until) {
		requireMember(conversationId, me);
		Instant mutedUntil = (until != null && until.isAfter(Instant.now())) ? until.truncatedTo(ChronoUnit.MICROS)
				: null;
		this.conversations.mute(conversationId, me, mutedUntil);
		this.live.publish(conversationId, MessageEvents.CONVERSATION_MUTED,
				List.of(LiveEvents.to(List.of(me), FrameType.CONVERSATION_MUTED, new ServerData.ConversationMuted(
						conversationId.toString(), (mutedUntil != null) ? mutedUntil.toString() : null))),
				null);
		return get(me, conversationId);
	}

	/** A mute that has run out is no mute. */
	private static Instant mutedUntil(Member member) {
		return (member.mutedUntil() != null && member.mutedUntil().isAfter(Instant.now())) ? member.mutedUntil() : null;
	}

	/**
	 * The pair's direct conversation, created if needed; {@code token} (the caller's)
	 * lets a friendship younger than its event be confirmed with user-service.
	 */
	@Transactional
	public Created direct(UUID me, UUID other, String token) {
		if (me.equals(other)) {
			throw ApiException.badRequest("CANNOT_MESSAGE_SELF", "You cannot start a conversation with yourself.");
		}
		String key = directKey(me, other);
		var existing = this.conversations.findDirect(key);
		if (existing.isPresent()) {
			return new Created(get(me, existing.get()), false);
		}
		if (this.graph.blockedEitherWay(me, other)) {
			throw ApiException.forbidden("BLOCKED", "You cannot message this person.");
		}
		if (!this.friendships.areFriends(me, other, token)) {
			throw ApiException.forbidden("NOT_FRIENDS", "You can only message your friends.");
		}
		UUID id = UUID.randomUUID();
		if (!this.conversations.createDirect(id, key)) {
			// Someone else created it a moment ago (the unique key decided).
			return new Created(get(me, this.conversations.findDirect(key).orElseThrow()), false);
		}
		this.conversations.addMember(id, me, Role.MEMBER);
		this.conversations.addMember(id, other, Role.MEMBER);
		announce(this.conversations.find(id).orElseThrow(), List.of());
		return new Created(get(me, id), true);
	}

	@Transactional
	public ConversationView createGroup(UUID me, String title, Collection<UUID> memberIds) {
		String name = title(title);
		Set<UUID> others = new LinkedHashSet<>(memberIds);
		others.remove(me);
		if (others.isEmpty()) {
			throw ApiException.invalid("memberIds", "Pick at least one friend.");
		}
		if (others.size() + 1 > MAX_MEMBERS) {
			throw ApiException.conflict("GROUP_TOO_LARGE", "A group has at most " + MAX_MEMBERS + " members.");
		}
		others.forEach((other) -> requireFriend(me, other));
		UUID id = UUID.randomUUID();
		this.conversations.createGroup(id, name);
		this.conversations.addMember(id, me, Role.ADMIN);
		others.forEach((other) -> this.conversations.addMember(id, other, Role.MEMBER));
		announce(this.conversations.find(id).orElseThrow(), List.of());
		return get(me, id);
	}

	/**
	 * A group's title and whether people added later see what was said before (admins;
	 * what is null stays as it is).
	 */
	@Transactional
	public ConversationView change(UUID me, UUID conversationId, String title, Boolean newMembersSeeHistory) {
		String name = (title != null || newMembersSeeHistory == null) ? title(title) : null;
		Conversation group = lockGroupAsAdmin(me, conversationId);
		if (name != null) {
			this.conversations.rename(group.id(), name);
		}
		if (newMembersSeeHistory != null) {
			this.conversations.newMembersSeeHistory(group.id(), newMembersSeeHistory);
		}
		announce(this.conversations.find(group.id()).orElseThrow(), List.of());
		return get(me, conversationId);
	}

	@Transactional
	public ConversationView addMembers(UUID me, UUID conversationId, Collection<UUID> userIds) {
		Conversation group = lockGroupAsAdmin(me, conversationId);
		Set<UUID> current = new HashSet<>(this.conversations.memberIds(group.id()));
		List<UUID> added = userIds.stream().distinct().filter((id) -> !current.contains(id)).toList();
		if (current.size() + added.size() > MAX_MEMBERS) {
			throw ApiException.conflict("GROUP_TOO_LARGE", "A group has at most " + MAX_MEMBERS + " members.");
		}
		added.forEach((other) -> requireFriend(me, other));
		// Unless the group says otherwise, a new member starts from now.
		long from = group.newMembersSeeHistory() ? 0 : group.lastSeq();
		added.forEach((other) -> this.conversations.addMember(group.id(), other, Role.MEMBER, from));
		if (!added.isEmpty()) {
			this.conversations.touch(group.id());
			announce(this.conversations.find(group.id()).orElseThrow(), List.of());
		}
		return get(me, conversationId);
	}

	/** Removes a member (admins), or leaves (anyone, {@code userId} = the caller). */
	@Transactional
	public void removeMember(UUID me, UUID conversationId, UUID userId) {
		Member caller = requireMember(conversationId, me);
		Conversation group = this.conversations.lock(conversationId).orElseThrow();
		if (!group.isGroup()) {
			throw ApiException.conflict("NOT_A_GROUP", "People cannot leave or be removed from a direct conversation.");
		}
		if (!userId.equals(me)) {
			if (caller.role() != Role.ADMIN) {
				throw ApiException.forbidden("NOT_ADMIN", "Only an admin can remove members.");
			}
			if (this.conversations.member(conversationId, userId).isEmpty()) {
				throw ApiException.notFound("MEMBER_NOT_FOUND", "This person is not in the group.");
			}
		}
		this.conversations.removeMember(conversationId, userId);
		List<Member> rest = this.conversations.members(conversationId);
		if (rest.isEmpty()) {
			this.conversations.delete(conversationId);
			this.live.publish(conversationId, MessageEvents.CONVERSATION_UPDATED,
					List.of(removed(conversationId, List.of(userId))), null);
			return;
		}
		if (rest.stream().noneMatch((m) -> m.role() == Role.ADMIN)) {
			// The member who joined first takes over (members come in joining order).
			this.conversations.setRole(conversationId, rest.getFirst().userId(), Role.ADMIN);
		}
		this.conversations.touch(conversationId);
		announce(this.conversations.find(conversationId).orElseThrow(), List.of(userId));
	}

	/** Whether the two may start or continue a direct conversation. */
	public void requireMessageable(UUID me, UUID other) {
		SocialGraph.Standing standing = this.graph.standing(me, other);
		if (standing.blocked()) {
			throw ApiException.forbidden("BLOCKED", "You cannot message this person.");
		}
		if (!standing.friends()) {
			throw ApiException.forbidden("NOT_FRIENDS", "You can only message your friends.");
		}
	}

	private void requireFriend(UUID me, UUID other) {
		if (!this.graph.areFriendsByNow(me, other) || this.graph.blockedEitherWay(me, other)) {
			throw ApiException.forbidden("NOT_FRIENDS", "You can only add your friends to a group.")
				.with("userId", other.toString());
		}
	}

	private Conversation lockGroupAsAdmin(UUID me, UUID conversationId) {
		Member caller = requireMember(conversationId, me);
		Conversation conversation = this.conversations.lock(conversationId).orElseThrow();
		if (!conversation.isGroup()) {
			throw ApiException.conflict("NOT_A_GROUP", "A direct conversation has no title or members to change.");
		}
		if (caller.role() != Role.ADMIN) {
			throw ApiException.forbidden("NOT_ADMIN", "Only an admin can change the group.");
		}
		return conversation;
	}

	/**
	 * Tells every member what the conversation looks like now, and those who left that it
	 * is gone for them.
	 */
	private void announce(Conversation conversation, List<UUID> left) {
		List<Member> members = this.conversations.members(conversation.id());
		Map<UUID, UserSummary> people = this.graph.people(members.stream().map(Member::userId).toList());
		List<MessageEvents.Delivery> deliveries = new ArrayList<>();
		if (conversation.isGroup()) {
			deliveries.add(LiveEvents.to(people.keySet(), FrameType.CONVERSATION_UPDATED,
					new ServerData.ConversationUpdated<>(shared(conversation, members, people, null))));
		}
		else {
			for (Member member : members) {
				UserSummary peer = people.get(conversation.peerOf(member.userId()));
				deliveries.add(LiveEvents.to(List.of(member.userId()), FrameType.CONVERSATION_UPDATED,
						new ServerData.ConversationUpdated<>(shared(conversation, members, people, peer))));
			}
		}
		if (!left.isEmpty()) {
			deliveries.add(removed(conversation.id(), left));
		}
		this.live.publish(conversation.id(), MessageEvents.CONVERSATION_UPDATED, deliveries, null);
	}

	private static MessageEvents.Delivery removed(UUID conversationId, List<UUID> users) {
		return LiveEvents.to(users, FrameType.CONVERSATION_REMOVED,
				new ServerData.ConversationRemoved(conversationId.toString()));
	}

	private List<ConversationView> views(UUID me, List<Member> mine) {
		List<UUID> ids = mine.stream().map(Member::conversationId).toList();
		Map<UUID, Conversation> byId = this.conversations.findAll(ids);
		List<Member> everyone = this.conversations.members(ids);
		Map<UUID, UserSummary> people = this.graph.people(everyone.stream().map(Member::userId).toList());
		Map<UUID, MessageRepository.Summary> summaries = this.messages.summaries(me, ids, UNREAD_CAP);
		Map<UUID, List<ServerData.Reaction>> reactions = this.messages.reactions(
				summaries.values().stream().map(MessageRepository.Summary::last).filter(Objects::nonNull).toList());
		Set<UUID> blocked = this.graph.blockedBy(me);
		return mine.stream().map((membership) -> {
			Conversation conversation = byId.get(membership.conversationId());
			List<Member> members = everyone.stream()
				.filter((m) -> m.conversationId().equals(conversation.id()))
				.toList();
			UserSummary peer = conversation.isGroup() ? null : people.get(conversation.peerOf(me));
			ConversationView.Shared shared = shared(conversation, members, people, peer);
			return new ConversationView(shared.id(), shared.kind(), shared.title(), shared.createdAt(),
					shared.lastActivityAt(), shared.lastSeq(), shared.members(), peer, shared.newMembersSeeHistory(),
					membership.role().name(),
					lastView(summaries.get(membership.conversationId()), reactions,
							conversation.isGroup() ? blocked : Set.of()),
					summaries.get(membership.conversationId()).unread(),
					summaries.get(membership.conversationId()).unreadMentions(), mutedUntil(membership));
		}).toList();
	}

	/** The newest message, without its content if the reader blocked its sender. */
	private static MessageView lastView(MessageRepository.Summary summary,
			Map<UUID, List<ServerData.Reaction>> reactions, Set<UUID> blocked) {
		if (summary.last() == null) {
			return null;
		}
		return summary.last().view(reactions.getOrDefault(summary.last().id(), List.of())).forReader(blocked);
	}

	private static ConversationView.Shared shared(Conversation conversation, List<Member> members,
			Map<UUID, UserSummary> people, UserSummary peer) {
		List<MemberView> views = members.stream()
			.map((m) -> new MemberView(people.get(m.userId()), m.role().name(), m.joinedAt(), m.lastReadSeq()))
			.toList();
		return new ConversationView.Shared(conversation.id().toString(), conversation.kind().name(),
				conversation.title(), conversation.createdAt(), conversation.lastActivityAt(), conversation.lastSeq(),
				views, peer, conversation.isGroup() ? conversation.newMembersSeeHistory() : null);
	}

	private static String title(String title) {
		String name = (title != null) ? Names.neutralize(title) : "";
		if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_TITLE) {
			throw ApiException.invalid("title", "A group title has 1 to " + MAX_TITLE + " characters.");
		}
		if (name.codePoints().anyMatch(Character::isISOControl)) {
			throw ApiException.invalid("title", "A group title cannot contain control characters.");
		}
		return name;
	}

	public record Created(ConversationView conversation, boolean created) {
	}

}
