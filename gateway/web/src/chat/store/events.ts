import type { AckMessageSent, ServerReactionUpdated, ServerReadUpdated } from '../../socket/protocol';
import { quoteOf, replaceNewer, requote, rev, supersedes, tombstone, upsert, withMessage } from './messageList';
import type {
  ChatState,
  ConversationEntry,
  Message,
  MessageDeletion,
  PendingSend,
  ReplyTo,
  UserSummary,
  WhoIsTyping,
} from './types';

// How each live event changes the state; `chatReducer` dispatches to these.

/** The server caps `unreadCount` here too. */
export const MAX_UNREAD = 999;

export function patch(
  state: ChatState,
  id: string,
  change: (entry: ConversationEntry) => ConversationEntry,
): ChatState {
  const entry = state.conversations[id];
  if (!entry) return state;
  const next = change(entry);
  return next === entry ? state : { ...state, conversations: { ...state.conversations, [id]: next } };
}

/** Drops my pending sends that `messages` show the server has stored. */
export function settleOutbox(state: ChatState, messages: Message[]): PendingSend[] {
  const stored = new Set(
    messages.filter((m) => m.senderId === state.me && m.clientMessageId).map((m) => m.clientMessageId),
  );
  if (stored.size === 0) return state.outbox;
  const outbox = state.outbox.filter((p) => !stored.has(p.clientMessageId));
  return outbox.length === state.outbox.length ? state.outbox : outbox;
}

/**
 * Adds or updates messages in a chat's list and summary, in order; `syncs` moves the catch-up point. A catch-up item
 * marked `hidden` (deleted for me on another of my devices) hides its message as a live delete for me does.
 */
export function applyMessages(
  entry: ConversationEntry,
  items: Message[],
  syncs: boolean,
  me: string,
): ConversationEntry {
  let next = entry;
  for (const message of items) {
    next = message.hidden
      ? hide(next, message.id, me, syncs ? rev(message) : undefined)
      : applyMessage(next, message, syncs);
  }
  return next;
}

function applyMessage(entry: ConversationEntry, message: Message, syncs: boolean): ConversationEntry {
  // A message hidden or cleared for me is accounted for all the same: the catch-up point moves past it.
  const syncedSeq = syncs && entry.messages ? Math.max(entry.syncedSeq, rev(message)) : entry.syncedSeq;
  if (entry.hidden.includes(message.id) || message.seq <= entry.clearedSeq) {
    return syncedSeq === entry.syncedSeq ? entry : { ...entry, syncedSeq };
  }
  const messages = entry.messages ? requoted(upsert(entry.messages, message, true, entry.hasOlder), message) : null;
  return { ...entry, messages, conversation: withMessage(entry.conversation, message), syncedSeq };
}

/**
 * `messages` with the replies quoting `message` reading as it does now: as the list holds it when it does (a late
 * repeat of an older state must not bring an old text back), else as it came (a message above the loaded window).
 */
function requoted(messages: Message[], message: Message): Message[] {
  return requote(messages, messages.find((m) => m.id === message.id) ?? message);
}

/** Whether a message may count as unread for me: someone else's, not deleted, and not from someone I blocked. */
const countable = (m: Message, me: string) => m.senderId !== me && !m.deleted && !m.senderBlocked;

/** Whether a message names me (`@username`), as the server found. */
export const mentionsMe = (m: Pick<Message, 'mentions'>, me: string) => m.mentions?.includes(me) === true;

/**
 * Others' countable messages after `afterSeq` (hidden and cleared ones are not in the list), or null when
 * the loaded messages cannot tell (not loaded, or older pages not loaded that may hold unread ones).
 */
function countUnread(
  entry: ConversationEntry,
  me: string,
  afterSeq: number,
  only: (m: Message) => boolean = () => true,
): number | null {
  const last = entry.conversation.lastMessage;
  if (!last || afterSeq >= last.seq) return 0;
  const { messages } = entry;
  if (!entry.loaded || !messages) return null;
  if (entry.hasOlder && !(messages.length > 0 && messages[0].seq <= afterSeq)) return null;
  const count = messages.filter((m) => countable(m, me) && m.seq > afterSeq && only(m)).length;
  return Math.min(count, MAX_UNREAD);
}

/**
 * The unread count after messages went away (hidden or cleared): counted again from the loaded messages when they
 * tell, and never raised (my read position here may be behind the server's).
 */
function recounted(entry: ConversationEntry, me: string): ConversationEntry {
  const read = entry.conversation.members.find((m) => m.user.id === me)?.lastReadSeq ?? 0;
  const after = Math.max(read, entry.clearedSeq);
  const count = countUnread(entry, me, after);
  const mentions = countUnread(entry, me, after, (m) => mentionsMe(m, me));
  const unreadCount = entry.conversation.unreadCount ?? 0;
  const unreadMentions = entry.conversation.unreadMentions ?? 0;
  const lower = (counted: number | null, held: number) => (counted === null || counted >= held ? held : counted);
  if (lower(count, unreadCount) === unreadCount && lower(mentions, unreadMentions) === unreadMentions) return entry;
  return {
    ...entry,
    conversation: {
      ...entry.conversation,
      unreadCount: lower(count, unreadCount),
      unreadMentions: lower(mentions, unreadMentions),
    },
  };
}

/**
 * Cleared for me up to `seq` (on this or another of my devices): messages up to it go, later ones stay. Clearing
 * counts as read up to it (as the server does). A clear not past the one already applied changes nothing.
 */
export function clearUpTo(entry: ConversationEntry, me: string, seq: number): ConversationEntry {
  if (seq <= entry.clearedSeq) return entry;
  const { conversation } = entry;
  let { messages, loaded, hasOlder } = entry;
  if (messages) {
    const kept = messages.filter((m) => m.seq > seq);
    // Older pages could only hold messages older than the ones cleared.
    if (kept.length < messages.length) hasOlder = false;
    messages = kept;
  } else if (seq >= (conversation.lastSeq ?? 0)) {
    // Nothing is left to load.
    messages = [];
    loaded = true;
    hasOlder = false;
  }
  const last = conversation.lastMessage;
  const members = conversation.members.map((m) =>
    m.user.id === me && seq > (m.lastReadSeq ?? 0) ? { ...m, lastReadSeq: seq } : m,
  );
  return recounted(
    {
      ...entry,
      messages,
      loaded,
      hasOlder,
      clearedSeq: seq,
      conversation: { ...conversation, members, lastMessage: last && last.seq > seq ? last : null },
    },
    me,
  );
}

export function withoutTyping(typing: WhoIsTyping, conversationId: string, userId: string): WhoIsTyping {
  const current = typing[conversationId];
  if (!current || !(userId in current)) return typing;
  const { [userId]: _gone, ...rest } = current;
  return { ...typing, [conversationId]: rest };
}

export function updatePending(state: ChatState, clientMessageId: string, change: Partial<PendingSend>): ChatState {
  if (!state.outbox.some((p) => p.clientMessageId === clientMessageId)) return state;
  const outbox = state.outbox.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...change } : p));
  return { ...state, outbox };
}

export function onMessageNew(state: ChatState, message: Message): ChatState {
  const entry = state.conversations[message.conversationId];
  const outbox = settleOutbox(state, [message]);
  const typing = withoutTyping(state.typing, message.conversationId, message.senderId);
  if (!entry) return { ...state, outbox, typing };
  const known = entry.messages?.some((m) => m.id === message.id) ?? false;
  const me = entry.conversation.members.find((m) => m.user.id === state.me);
  const unread =
    !known &&
    countable(message, state.me) &&
    message.seq > (entry.conversation.lastSeq ?? 0) &&
    message.seq > (me?.lastReadSeq ?? 0) &&
    message.seq > entry.clearedSeq &&
    !entry.hidden.includes(message.id);
  let next = applyMessages(entry, [message], true, state.me);
  if (unread) {
    const unreadCount = Math.min((next.conversation.unreadCount ?? 0) + 1, MAX_UNREAD);
    const held = next.conversation.unreadMentions ?? 0;
    const unreadMentions = mentionsMe(message, state.me) ? Math.min(held + 1, MAX_UNREAD) : held;
    next = { ...next, conversation: { ...next.conversation, unreadCount, unreadMentions } };
  }
  return { ...state, outbox, typing, conversations: { ...state.conversations, [message.conversationId]: next } };
}

export function onMessageDeleted(state: ChatState, frame: MessageDeletion): ChatState {
  return patch(state, frame.conversationId, (entry) => {
    const { messageId } = frame;
    if (frame.scope === 'me') return hide(entry, messageId, state.me, frame.version);
    const version = frame.version ?? 0;
    const dead = (m: Message) => (m.id === messageId && !(m.deleted && rev(m) >= version) ? tombstone(m, version) : m);
    const last = entry.conversation.lastMessage;
    const conversation = {
      ...entry.conversation,
      lastMessage: last ? dead(last) : last,
      lastSeq: Math.max(entry.conversation.lastSeq ?? 0, version),
    };
    const gone = { id: messageId, text: '', attachments: [], deleted: true };
    const messages = entry.messages ? requote(entry.messages.map(dead), gone) : null;
    const syncedSeq = messages ? Math.max(entry.syncedSeq, version) : entry.syncedSeq;
    return { ...entry, messages, conversation, syncedSeq };
  });
}

/**
 * A `message.updated` frame (an edit): the whole message replaces the one held when it is a later state of it
 * (never added: a message not loaded arrives with its page), also as the chat's preview; replies quoting it
 * quote the new text. Its number moves the catch-up point whether or not the message is loaded here.
 */
export function onMessageUpdated(state: ChatState, message: Message): ChatState {
  return patch(state, message.conversationId, (entry) => {
    const version = rev(message);
    const syncedSeq = entry.messages ? Math.max(entry.syncedSeq, version) : entry.syncedSeq;
    let conversation = { ...entry.conversation, lastSeq: Math.max(entry.conversation.lastSeq ?? 0, version) };
    let { messages } = entry;
    if (!entry.hidden.includes(message.id) && message.seq > entry.clearedSeq) {
      const last = conversation.lastMessage;
      if (last?.id === message.id && supersedes(last, message))
        conversation = { ...conversation, lastMessage: message };
      if (messages) messages = requoted(replaceNewer(messages, message), message);
    }
    return { ...entry, messages, conversation, syncedSeq };
  });
}

/** My edit, as its ack confirms it (`text` as sent, cleaned): applied unless a later change is already here. */
export interface MessageEdit {
  conversationId: string;
  messageId: string;
  text: string;
  version: number;
  editedAt?: string | null;
}

/**
 * Applies my acked edit at once (its `message.updated` follows). Not a catch-up point: a change by someone else
 * numbered lower may still be on its way.
 */
export function onMessageEdited(state: ChatState, edit: MessageEdit): ChatState {
  return patch(state, edit.conversationId, (entry) => {
    const apply = (m: Message): Message =>
      m.id === edit.messageId && !m.deleted && edit.version > rev(m)
        ? { ...m, text: edit.text, editedAt: edit.editedAt ?? m.editedAt ?? null, version: edit.version }
        : m;
    const edited = entry.messages?.find((m) => m.id === edit.messageId);
    const messages = entry.messages && edited ? requoted(entry.messages.map(apply), apply(edited)) : entry.messages;
    const last = entry.conversation.lastMessage;
    const conversation = {
      ...entry.conversation,
      lastMessage: last && apply(last),
      lastSeq: Math.max(entry.conversation.lastSeq ?? 0, edit.version),
    };
    return { ...entry, messages, conversation };
  });
}

/**
 * A message's reactions as they now are: a `reaction.updated` frame (`syncs`: it moves the catch-up point), or
 * the ack of my own reaction, authoritative too but not a catch-up point. Older than what is held: ignored.
 */
export function onReactionsUpdated(state: ChatState, update: ServerReactionUpdated, syncs: boolean): ChatState {
  return patch(state, update.conversationId, (entry) => {
    const apply = (m: Message): Message =>
      m.id === update.messageId && !m.deleted && update.version > rev(m)
        ? { ...m, reactions: update.reactions, version: update.version }
        : m;
    const last = entry.conversation.lastMessage;
    const conversation = {
      ...entry.conversation,
      lastMessage: last && apply(last),
      lastSeq: Math.max(entry.conversation.lastSeq ?? 0, update.version),
    };
    const messages = entry.messages?.map(apply) ?? null;
    const syncedSeq = syncs && messages ? Math.max(entry.syncedSeq, update.version) : entry.syncedSeq;
    return { ...entry, messages, conversation, syncedSeq };
  });
}

/**
 * Delete for me (live, or a catch-up item): the message goes for good, the preview falls back to the newest one
 * still shown and the unread count drops. `version`, the hide's number, moves the catch-up point (also when the
 * hide is already applied: my own delete is applied before its frame brings the number).
 */
function hide(entry: ConversationEntry, messageId: string, me: string, version?: number): ConversationEntry {
  const syncedSeq = version !== undefined && entry.messages ? Math.max(entry.syncedSeq, version) : entry.syncedSeq;
  const lastSeq = Math.max(entry.conversation.lastSeq ?? 0, version ?? 0);
  if (entry.hidden.includes(messageId)) {
    if (syncedSeq === entry.syncedSeq && lastSeq === entry.conversation.lastSeq) return entry;
    return { ...entry, syncedSeq, conversation: { ...entry.conversation, lastSeq } };
  }
  const messages = entry.messages?.filter((m) => m.id !== messageId) ?? null;
  let { lastMessage } = entry.conversation;
  if (lastMessage?.id === messageId)
    lastMessage = messages && messages.length > 0 ? messages[messages.length - 1] : null;
  const next = {
    ...entry,
    messages,
    syncedSeq,
    hidden: [...entry.hidden, messageId],
    conversation: { ...entry.conversation, lastMessage, lastSeq },
  };
  // Without the messages, a preview that fell back to nothing says nothing about what is unread.
  return next.loaded && next.messages ? recounted(next, me) : next;
}

export function onReadUpdated(state: ChatState, frame: ServerReadUpdated): ChatState {
  return patch(state, frame.conversationId, (entry) => {
    const members = entry.conversation.members.map((m) =>
      m.user.id === frame.userId && frame.seq > (m.lastReadSeq ?? 0) ? { ...m, lastReadSeq: frame.seq } : m,
    );
    let { unreadCount, unreadMentions } = entry.conversation;
    if (frame.userId === state.me) {
      unreadCount = countUnread(entry, state.me, frame.seq) ?? unreadCount;
      unreadMentions =
        countUnread(entry, state.me, frame.seq, (m) => mentionsMe(m, state.me)) ??
        (unreadCount === 0 ? 0 : unreadMentions);
    }
    return { ...entry, conversation: { ...entry.conversation, members, unreadCount, unreadMentions } };
  });
}

export function onAcked(state: ChatState, ack: AckMessageSent): ChatState {
  const pending = state.outbox.find((p) => p.clientMessageId === ack.clientMessageId);
  const outbox = state.outbox.filter((p) => p.clientMessageId !== ack.clientMessageId);
  const entry = state.conversations[ack.conversationId];
  if (!pending || !entry) return { ...state, outbox };
  const message: Message = {
    id: ack.messageId,
    conversationId: ack.conversationId,
    seq: ack.seq,
    version: ack.seq,
    senderId: state.me,
    clientMessageId: ack.clientMessageId,
    text: pending.text,
    attachments: pending.attachments ?? [],
    createdAt: ack.createdAt ?? pending.createdAt,
    deleted: false,
    deletedAt: null,
    replyTo: pending.replyTo ? requoteOf(entry, pending.replyTo) : null,
    editedAt: null,
    reactions: [],
  };
  // Not a catch-up point: a message of someone else with a lower seq may still be on its way.
  const next = applyMessages(entry, [message], false, state.me);
  return { ...state, outbox, conversations: { ...state.conversations, [ack.conversationId]: next } };
}

/**
 * A reply's quote as the original now reads when it is loaded (edited or deleted while the reply was pending: the
 * echo of the reply, numbered the same as its ack, changes nothing), else as it was when the reply was written.
 */
function requoteOf(entry: ConversationEntry, quote: ReplyTo): ReplyTo {
  const original = entry.messages?.find((m) => m.id === quote.id);
  return original ? quoteOf(original) : quote;
}

/** A person's new details, wherever they are a member or the peer. */
export function onUserChanged(state: ChatState, change: Pick<UserSummary, 'id'> & Partial<UserSummary>): ChatState {
  const update = (user: UserSummary) => (user.id === change.id ? { ...user, ...change } : user);
  let conversations = state.conversations;
  for (const [id, entry] of Object.entries(state.conversations)) {
    const { conversation } = entry;
    if (!conversation.members.some((m) => m.user.id === change.id) && conversation.peer?.id !== change.id) continue;
    const members = conversation.members.map((m) => ({ ...m, user: update(m.user) }));
    const peer = conversation.peer && update(conversation.peer);
    conversations = { ...conversations, [id]: { ...entry, conversation: { ...conversation, members, peer } } };
  }
  return conversations === state.conversations ? state : { ...state, conversations };
}
