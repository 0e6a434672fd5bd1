package dev.parley.message.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.message.conversation.ConversationRepository.Conversation;
import dev.parley.message.conversation.ConversationRepository.Member;
import dev.parley.message.conversation.ConversationRepository.Role;
import dev.parley.message.conversation.ConversationRepository;
import dev.parley.message.conversation.Conversations;
import dev.parley.message.conversation.MessageRepository;
import dev.parley.message.conversation.MessageView;
import dev.parley.message.conversation.StoredMessage;
import dev.parley.message.live.LiveEvents;
import dev.parley.message.social.SocialGraph;
import dev.parley.platform.error.ApiException;
import dev.parley.platform.events.MessageCommands.Origin;
import dev.parley.platform.events.MessageCommands.RecordCall;
import dev.parley.platform.events.MessageEvents;
import dev.parley.platform.media.Attachment;
import dev.parley.platform.protocol.Acks;
import dev.parley.platform.protocol.FrameType;
import dev.parley.platform.protocol.ServerData;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending, deleting and reading messages, whether asked over the socket (through Kafka)
 * or over REST. Each change and its live event commit together (the outbox).
 */
@Service
@EnableConfigurationProperties(MessagingProperties.class)
class Messages {

	/** The most different emoji one person puts on one message. */
	static final int MAX_REACTIONS_PER_PERSON = 20;

	private final ConversationRepository conversations;

	private final MessageRepository messages;

	private final Conversations rules;

	private final LiveEvents live;

	private final TransactionTemplate transactions;

	private final SocialGraph graph;

	private final Counter storedTexts;

	private final Counter storedCalls;

	private final MessagingProperties properties;

	Messages(ConversationRepository conversations, MessageRepository messages, Conversations rules, LiveEvents live,
			PlatformTransactionManager transactionManager, SocialGraph graph, MeterRegistry meters,
			MessagingProperties properties) {
		this.graph = graph;
		this.properties = properties;
		this.storedTexts = stored(meters, "text");
		this.storedCalls = stored(meters, "call");
		this.conversations = conversations;
		this.messages = messages;
		this.rules = rules;
		this.live = live;
		// Nested: inside a batch of commands (MessageCommandsListener) each change gets a
		// savepoint, so a refused one undoes only itself; alone, it is a transaction.
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Stores the message once per {@code (sender, clientMessageId)}: a repeat returns the
	 * first one (and answers the frame again) instead of storing another.
	 */
	public Sent send(UUID me, UUID conversationId, String clientMessageId, String text, List<Attachment> attachments,
			UUID replyToId, Origin origin) {
		try {
			return this.transactions
				.execute((tx) -> sendOnce(me, conversationId, clientMessageId, text, attachments, replyToId, origin));
		}
		catch (DuplicateKeyException ex) {
			// The same send came in twice at once (socket and REST); the other one won.
			return this.transactions
				.execute((tx) -> sendOnce(me, conversationId, clientMessageId, text, attachments, replyToId, origin));
		}
	}

	private Sent sendOnce(UUID me, UUID conversationId, String clientMessageId, String text, List<Attachment> claimed,
			UUID replyToId, Origin origin) {
		String clientId = MessageText.clientMessageId(clientMessageId);
		var earlier = this.messages.findByClientId(me, clientId);
		if (earlier.isPresent()) {
			if (!earlier.get().conversationId().equals(conversationId)) {
				throw ApiException.conflict("CLIENT_MESSAGE_ID_REUSED",
						"This clientMessageId was used for a message in another conversation.");
			}
			this.live.reply(conversationId.toString(), LiveEvents.ok(origin, ack(earlier.get())));
			return new Sent(withReactions(List.of(earlier.get())).getFirst(), false);
		}
		// Lock the conversation and take the message's number first, so the members read
		// next are the ones at this number; a refusal below rolls it all back.
		Conversation conversation = this.conversations.advance(conversationId).orElse(null);
		List<UUID> memberIds = (conversation != null) ? this.conversations.memberIds(conversationId) : List.of();
		if (!memberIds.contains(me)) {
			this.rules.requireMember(conversationId, me);
		}
		StoredMessage answered = null;
		if (replyToId != null) {
			// Only a message the sender can see here: a reply would otherwise show them a
			// quote of what was cleared for them (history before they joined).
			answered = this.messages.find(conversationId, replyToId)
				.filter((original) -> visibleTo(this.rules.requireMember(conversationId, me), original))
				.orElseThrow(() -> ApiException.invalid("replyToId", "There is no such message here to reply to."));
		}
		String body = MessageText.text(text);
		List<Attachment> attachments = MessageText.attachments(claimed);
		if (body.isEmpty() && attachments.isEmpty()) {
			throw ApiException.invalid("text", "A message needs text or an attachment.");
		}
		if (!conversation.isGroup()) {
			this.rules.requireMessageable(me, conversation.peerOf(me));
		}
		long seq = conversation.lastSeq();
		StoredMessage message = new StoredMessage(UUID.randomUUID(), conversationId, seq, me, clientId, body,
				attachments, Instant.now().truncatedTo(ChronoUnit.MICROS), answered, mentions(body, memberIds));
		this.messages.insert(message);
		this.conversations.markRead(conversationId, me, seq);
		MessageView view = message.view(List.of());
		this.live.publish(conversationId, MessageEvents.MESSAGE_CREATED,
				toMembers(conversation, memberIds, view, FrameType.MESSAGE_NEW, ServerData.MessageNew::new),
				LiveEvents.ok(origin, ack(message)));
		countOnCommit(this.storedTexts);
		// The sender's own view: a reply quoting someone they blocked shows no quote.
		return new Sent((answered != null && conversation.isGroup()) ? view.forReader(this.graph.blockedBy(me)) : view,
				true);
	}

	private static Counter stored(MeterRegistry meters, String kind) {
		return Counter.builder("parley.messages.stored")
			.description("New messages stored (a repeated send is not counted)")
			.tag("kind", kind)
			.register(meters);
	}

	/**
	 * Counts once the message is committed: a batch that rolls back stored nothing.
	 * Called last in a send: a savepoint rolled back later would not take the count back.
	 */
	private static void countOnCommit(Counter counter) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				counter.increment();
			}
		});
	}

	/**
	 * Keeps a call that ended in its conversation: a message of kind {@code call} from
	 * the caller, once per call ({@code clientMessageId} {@code call:<callId>}),
	 * delivered and counted (unread for the callee) like any message. A call whose
	 * conversation is gone, or whose caller left it meanwhile, leaves nothing; but a
	 * group call whose starter left the group is kept from the first participant still in
	 * it.
	 */
	public void recordCall(RecordCall call) {
		List<UUID> senders = new ArrayList<>(List.of(UUID.fromString(call.callerId())));
		if (call.participantIds() != null) {
			call.participantIds()
				.stream()
				.map(UUID::fromString)
				.filter((id) -> !senders.contains(id))
				.forEach(senders::add);
		}
		UUID conversationId = UUID.fromString(call.conversationId());
		String clientId = MessageText.callRecordId(call.callId());
		MessageView.Call record = new MessageView.Call(call.media(), call.outcome(),
				Math.max(0, call.durationSeconds()),
				(call.participantIds() != null) ? call.participantIds().stream().map(UUID::fromString).toList() : null);
		this.transactions.executeWithoutResult((tx) -> {
			if (senders.stream().anyMatch((sender) -> this.messages.findByClientId(sender, clientId).isPresent())) {
				return;
			}
			Conversation conversation = this.conversations.advance(conversationId).orElse(null);
			List<UUID> memberIds = (conversation != null) ? this.conversations.memberIds(conversationId) : List.of();
			UUID caller = senders.stream().filter(memberIds::contains).findFirst().orElse(null);
			if (caller == null) {
				tx.setRollbackOnly();
				return;
			}
			StoredMessage message = new StoredMessage(UUID.randomUUID(), conversationId, conversation.lastSeq(), caller,
					clientId, Instant.now().truncatedTo(ChronoUnit.MICROS), record);
			this.messages.insert(message);
			this.conversations.markRead(conversationId, caller, message.seq());
			this.live.publish(conversationId, MessageEvents.MESSAGE_CREATED, toMembers(conversation, memberIds,
					message.view(List.of()), FrameType.MESSAGE_NEW, ServerData.MessageNew::new), null);
			countOnCommit(this.storedCalls);
		});
	}

	/**
	 * A frame carrying a message ({@code message.new}, {@code message.updated}) for every
	 * member: in a group, as each reader sees it (without the content of someone they
	 * blocked, {@link MessageView#forReader}), one delivery per different view.
	 */
	private List<MessageEvents.Delivery> toMembers(Conversation conversation, List<UUID> memberIds, MessageView view,
			FrameType frame, java.util.function.Function<MessageView, Object> data) {
		return perReader(conversation, memberIds, frame, (blocked) -> data.apply(view.forReader(blocked)));
	}

	/**
	 * A frame for each reader as they see it: in a group, {@code data} for the people
	 * each one blocked, one delivery per different data.
	 */
	private List<MessageEvents.Delivery> perReader(Conversation conversation, List<UUID> readers, FrameType frame,
			java.util.function.Function<Set<UUID>, Object> data) {
		if (!conversation.isGroup()) {
			return List.of(LiveEvents.to(readers, frame, data.apply(Set.of())));
		}
		Map<UUID, Set<UUID>> blockedBy = blockedBy(readers);
		Map<Object, List<UUID>> byData = new LinkedHashMap<>();
		for (UUID reader : readers) {
			byData.computeIfAbsent(data.apply(blockedBy.getOrDefault(reader, Set.of())), (k) -> new ArrayList<>())
				.add(reader);
		}
		return byData.entrySet()
			.stream()
			.map((entry) -> LiveEvents.to(entry.getValue(), frame, entry.getKey()))
			.toList();
	}

	/** Whom each of these people blocked, among them. */
	private Map<UUID, Set<UUID>> blockedBy(List<UUID> people) {
		Map<UUID, Set<UUID>> blockedBy = new java.util.HashMap<>();
		this.graph.blocksAmong(people)
			.forEach((block) -> blockedBy.computeIfAbsent(block.blocker(), (k) -> new java.util.HashSet<>())
				.add(block.blocked()));
		return blockedBy;
	}

	/**
	 * The members a text names as {@code @username}, in the members' order (none without
	 * an {@code @}: no lookup then).
	 */
	private List<UUID> mentions(String text, List<UUID> memberIds) {
		Set<String> names = MessageText.mentionedUsernames(text);
		if (names.isEmpty()) {
			return List.of();
		}
		Map<UUID, dev.parley.platform.events.UserSummary> people = this.graph.people(memberIds);
		return memberIds.stream()
			.filter((id) -> people.containsKey(id)
					&& names.contains(people.get(id).username().toLowerCase(java.util.Locale.ROOT)))
			.toList();
	}

	/** Whether the member can see the message (it is not hidden or cleared for them). */
	private boolean visibleTo(Member member, StoredMessage message) {
		return message.seq() > member.clearedSeq()
				&& !this.messages.isHidden(member.userId(), message.conversationId(), message.seq());
	}

	/**
	 * A message of the conversation the member can see and change: not deleted for
	 * everyone ({@code MESSAGE_DELETED}), nor hidden or cleared for them.
	 */
	private StoredMessage changeable(Member member, UUID messageId) {
		StoredMessage message = this.messages.find(member.conversationId(), messageId)
			.filter((found) -> visibleTo(member, found))
			.orElseThrow(() -> ApiException.notFound("MESSAGE_NOT_FOUND", "There is no such message here."));
		if (message.deleted()) {
			throw ApiException.conflict("MESSAGE_DELETED", "This message was deleted.");
		}
		return message;
	}

	/**
	 * Changes the text of the sender's message (within the edit window); every member is
	 * told ({@code message.updated}). The same text again changes nothing.
	 */
	public MessageView edit(UUID me, UUID conversationId, UUID messageId, String text, Origin origin) {
		return this.transactions.execute((tx) -> {
			Member member = this.rules.requireMember(conversationId, me);
			Conversation conversation = this.conversations.lock(conversationId).orElseThrow();
			StoredMessage message = changeable(member, messageId);
			if (!message.senderId().equals(me)) {
				throw ApiException.forbidden("NOT_SENDER", "Only the sender can edit a message.");
			}
			if (message.call() != null) {
				throw ApiException.conflict("NOT_EDITABLE", "A call's record has no text to edit.");
			}
			Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
			if (now.isAfter(message.createdAt().plus(this.properties.editWindow()))) {
				throw ApiException.conflict("EDIT_WINDOW_CLOSED",
						"A message can be edited for " + this.properties.editWindow().toHours() + " hours.");
			}
			String body = MessageText.text(text);
			if (body.isEmpty() && message.attachments().isEmpty()) {
				throw ApiException.invalid("text", "A message needs text or an attachment.");
			}
			if (!conversation.isGroup()) {
				this.rules.requireMessageable(me, conversation.peerOf(me));
			}
			if (body.equals(message.text())) {
				MessageView same = withReactions(List.of(message)).getFirst();
				this.live.reply(conversationId.toString(), LiveEvents.ok(origin, edited(same)));
				return same;
			}
			long version = this.conversations.nextSeq(conversationId, false);
			this.messages.edit(conversationId, message.seq(), body,
					mentions(body, this.conversations.memberIds(conversationId)), now, version);
			MessageView view = withReactions(List.of(this.messages.find(conversationId, messageId).orElseThrow()))
				.getFirst();
			this.live.publish(conversationId, MessageEvents.MESSAGE_UPDATED,
					toMembers(conversation, this.messages.readersOf(conversationId, message.seq()), view,
							FrameType.MESSAGE_UPDATED, ServerData.MessageUpdated::new),
					LiveEvents.ok(origin, edited(view)));
			return conversation.isGroup() ? view.forReader(this.graph.blockedBy(me)) : view;
		});
	}

	/**
	 * Adds ({@code add}) or takes back the caller's reaction with one emoji; every member
	 * is told ({@code reaction.updated}) when that changed something. Idempotent per
	 * person, message and emoji.
	 */
	public ServerData.ReactionUpdated react(UUID me, UUID conversationId, UUID messageId, String emoji, boolean add,
			Origin origin) {
		String chosen = MessageText.emoji(emoji);
		return this.transactions.execute((tx) -> {
			Member member = this.rules.requireMember(conversationId, me);
			Conversation conversation = this.conversations.lock(conversationId).orElseThrow();
			StoredMessage message = changeable(member, messageId);
			boolean changed;
			if (add) {
				if (!conversation.isGroup()) {
					this.rules.requireMessageable(me, conversation.peerOf(me));
				}
				changed = this.messages.addReaction(conversationId, message.seq(), me, chosen);
				if (changed
						&& this.messages.reactionsBy(conversationId, message.seq(), me) > MAX_REACTIONS_PER_PERSON) {
					throw ApiException.conflict("REACTION_LIMIT",
							"One person puts at most " + MAX_REACTIONS_PER_PERSON + " emoji on a message.");
				}
			}
			else {
				changed = this.messages.removeReaction(conversationId, message.seq(), me, chosen);
			}
			long version = changed ? this.conversations.nextSeq(conversationId, false) : message.version();
			if (changed) {
				this.messages.changed(conversationId, message.seq(), version);
			}
			StoredMessage now = this.messages.find(conversationId, messageId).orElseThrow();
			List<ServerData.Reaction> reactions = this.messages.reactions(List.of(now))
				.getOrDefault(now.id(), List.of());
			// In a group each reader sees the reactions without those of people they
			// blocked.
			java.util.function.Function<Set<UUID>, Object> seenBy = (blocked) -> new ServerData.ReactionUpdated(
					conversationId.toString(), messageId.toString(), version,
					MessageView.reactionsFor(reactions, blocked));
			ServerData.ReactionUpdated mine = (ServerData.ReactionUpdated) seenBy
				.apply(conversation.isGroup() ? this.graph.blockedBy(me) : Set.of());
			if (changed) {
				this.live.publish(conversationId, MessageEvents.REACTION_UPDATED, perReader(conversation,
						this.messages.readersOf(conversationId, message.seq()), FrameType.REACTION_UPDATED, seenBy),
						LiveEvents.ok(origin, mine));
			}
			else {
				this.live.reply(conversationId.toString(), LiveEvents.ok(origin, mine));
			}
			return mine;
		});
	}

	/** The messages as clients see them, each with its reactions. */
	private List<MessageView> withReactions(List<StoredMessage> rows) {
		Map<UUID, List<ServerData.Reaction>> reactions = this.messages.reactions(rows);
		return rows.stream().map((row) -> row.view(reactions.getOrDefault(row.id(), List.of()))).toList();
	}

	/**
	 * Passes when the caller can read a message in the conversation that carries the
	 * upload {@code mediaId} (not deleted for everyone, nor hidden or cleared by them):
	 * media-service asks this before it serves an attachment.
	 */
	public void requireAttachmentReader(UUID me, UUID conversationId, String mediaId) {
		Member member = this.rules.requireMember(conversationId, me);
		if (!this.messages.holdsAttachment(member, mediaId)) {
			throw ApiException.notFound("ATTACHMENT_NOT_FOUND", "No message you can read here holds that file.");
		}
	}

	/** Deletes for everyone (the sender, or a group admin) or hides for the caller. */
	public void delete(UUID me, UUID conversationId, UUID messageId, String scope, Origin origin) {
		this.transactions.executeWithoutResult((tx) -> {
			Member member = this.rules.requireMember(conversationId, me);
			Conversation conversation = this.conversations.lock(conversationId).orElseThrow();
			StoredMessage message = this.messages.find(conversationId, messageId)
				.orElseThrow(() -> ApiException.notFound("MESSAGE_NOT_FOUND", "There is no such message here."));
			Acks.MessageDeleted ack = new Acks.MessageDeleted(conversationId.toString(), messageId.toString());
			switch (scope) {
				case "me" -> {
					if (this.messages.isHidden(me, conversationId, message.seq())) {
						this.live.reply(conversationId.toString(), LiveEvents.ok(origin, ack));
						return;
					}
					// The hide takes a number in the conversation's change order, so the
					// caller's other devices learn of it in their next catch-up.
					long version = this.conversations.nextSeq(conversationId, false);
					this.messages.hide(me, conversationId, message.seq(), version);
					this.live.publish(
							conversationId, MessageEvents.MESSAGE_DELETED, List.of(LiveEvents.to(List.of(me),
									FrameType.MESSAGE_DELETED, deleted(message, "me", version))),
							LiveEvents.ok(origin, ack));
				}
				case "everyone" -> {
					boolean admin = conversation.isGroup() && member.role() == Role.ADMIN;
					if (!message.senderId().equals(me) && !admin) {
						throw ApiException.forbidden("NOT_SENDER",
								"Only the sender or a group admin can delete a message for everyone.");
					}
					if (message.deletedVersion() != null) {
						this.live.reply(conversationId.toString(), LiveEvents.ok(origin, ack));
						return;
					}
					long version = this.conversations.nextSeq(conversationId, false);
					this.messages.deleteForEveryone(conversationId, message.seq(), version);
					this.live.publish(conversationId, MessageEvents.MESSAGE_DELETED,
							List.of(LiveEvents.to(this.conversations.memberIds(conversationId),
									FrameType.MESSAGE_DELETED, deleted(message, "everyone", version))),
							LiveEvents.ok(origin, ack));
				}
				default -> throw ApiException.invalid("scope", "The scope is everyone or me.");
			}
		});
	}

	/** Moves the caller's read position to this message (never backwards). */
	public void read(UUID me, UUID conversationId, UUID messageId, Origin origin) {
		this.transactions.executeWithoutResult((tx) -> {
			this.rules.requireMember(conversationId, me);
			StoredMessage message = this.messages.find(conversationId, messageId)
				.orElseThrow(() -> ApiException.notFound("MESSAGE_NOT_FOUND", "There is no such message here."));
			Acks.Read ack = new Acks.Read(conversationId.toString(), messageId.toString(), message.seq());
			if (this.conversations.markRead(conversationId, me, message.seq())) {
				this.live
					.publish(
							conversationId, MessageEvents.READ_UPDATED, List.of(
									LiveEvents
										.to(this.conversations.memberIds(conversationId), FrameType.READ_UPDATED,
												new ServerData.ReadUpdated(conversationId.toString(), me.toString(),
														messageId.toString(), message.seq()))),
							LiveEvents.ok(origin, ack));
			}
			else {
				this.live.reply(conversationId.toString(), LiveEvents.ok(origin, ack));
			}
		});
	}

	/** Hides everything so far for the caller (all their devices are told). */
	public void clear(UUID me, UUID conversationId) {
		this.transactions.executeWithoutResult((tx) -> {
			this.rules.requireMember(conversationId, me);
			long upTo = this.conversations.lock(conversationId).orElseThrow().lastSeq();
			this.conversations.clear(conversationId, me, upTo);
			this.live.publish(conversationId, MessageEvents.CONVERSATION_CLEARED,
					List.of(LiveEvents.to(List.of(me), FrameType.CONVERSATION_CLEARED,
							new ServerData.ConversationCleared(conversationId.toString(), upTo))),
					null);
		});
	}

	public Page history(UUID me, UUID conversationId, Cursor cursor, int limit) {
		return this.transactions.execute((tx) -> {
			Member member = this.rules.requireMember(conversationId, me);
			Set<UUID> blocked = this.conversations.find(conversationId).map(Conversation::isGroup).orElse(false)
					? this.graph.blockedBy(me) : Set.of();
			List<MessageView> rows = switch (cursor) {
				case Cursor.Before before ->
					withReactions(this.messages.before(member, seqOf(conversationId, before.messageId()), limit + 1));
				case Cursor.After after ->
					withReactions(this.messages.after(member, seqOf(conversationId, after.messageId()), limit + 1));
				case Cursor.ChangedAfter changed -> {
					List<MessageRepository.Change> changes = this.messages.changedAfter(member, changed.version(),
							limit + 1);
					Map<UUID, List<ServerData.Reaction>> reactions = this.messages
						.reactions(changes.stream().map(MessageRepository.Change::message).toList());
					yield changes.stream()
						.map((change) -> change.view(reactions.getOrDefault(change.message().id(), List.of())))
						.toList();
				}
				case Cursor.Latest latest -> withReactions(this.messages.before(member, Long.MAX_VALUE, limit + 1));
			};
			boolean more = rows.size() > limit;
			return new Page(rows.stream().limit(limit).map((view) -> view.forReader(blocked)).toList(), more,
					member.clearedSeq());
		});
	}

	private long seqOf(UUID conversationId, UUID messageId) {
		return this.messages.find(conversationId, messageId)
			.orElseThrow(() -> ApiException.notFound("MESSAGE_NOT_FOUND", "The cursor is not a message here."))
			.seq();
	}

	private static ServerData.MessageDeleted deleted(StoredMessage message, String scope, long version) {
		return new ServerData.MessageDeleted(message.conversationId().toString(), message.id().toString(), scope,
				version);
	}

	private static Acks.MessageEdited edited(MessageView message) {
		return new Acks.MessageEdited(message.conversationId(), message.id(), message.version(),
				(message.editedAt() != null) ? message.editedAt().toString() : null);
	}

	private static Acks.MessageSent ack(StoredMessage message) {
		return new Acks.MessageSent(message.clientMessageId(), message.id().toString(),
				message.conversationId().toString(), message.seq(), message.createdAt().toString());
	}

	/** A stored message, and whether this call stored it (not a repeat). */
	public record Sent(MessageView message, boolean created) {
	}

	/**
	 * A history page; {@code clearedSeq}: everything up to this seq is cleared for the
	 * reader (on any of their devices).
	 */
	public record Page(List<MessageView> items, boolean hasMore, long clearedSeq) {
	}

	/** Where a history page starts. */
	public sealed interface Cursor {

		record Latest() implements Cursor {
		}

		record Before(UUID messageId) implements Cursor {
		}

		record After(UUID messageId) implements Cursor {
		}

		record ChangedAfter(long version) implements Cursor {
		}

	}

}
