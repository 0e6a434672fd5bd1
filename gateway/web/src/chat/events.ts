import { rev, tombstone, upsert, withMessage } from './messageList';
import type { ChatState, ConversationEntry } from './chatState';
import type { Message, MessageDeletedFrame, PendingSend, ReadUpdatedFrame, SendAck } from './types';

// How each live event changes the state; `chatReducer` dispatches to these.

/** The server caps `unreadCount` here too. */
export const MAX_UNREAD = 999;

export function patch(state: ChatState, id: string, change: (entry: ConversationEntry) => ConversationEntry): ChatState {
  const entry = state.conversations[id];
  if (!entry) return state;
  const next = change(entry);
  return next === entry ? state : { ...state, conversations: { ...state.conversations, [id]: next } };
}

/** Drops my pending sends that `messages` show the server has stored. */
export function settleOutbox(state: ChatState, messages: Message[]): PendingSend[] {
  const stored = new Set(messages.filter((m) => m.senderId === state.me && m.clientMessageId).map((m) => m.clientMessageId));
  if (stored.size === 0) return state.outbox;
  const outbox = state.outbox.filter((p) => !stored.has(p.clientMessageId));
  return outbox.length === state.outbox.length ? state.outbox : outbox;
}

/** Adds or updates messages in a chat's list and summary; `syncs` moves the catch-up point. */
export function applyMessages(entry: ConversationEntry, items: Message[], syncs: boolean): ConversationEntry {
  let { messages, conversation, syncedSeq } = entry;
  for (const message of items) {
    if (entry.hidden.includes(message.id) || message.seq <= entry.clearedSeq) continue;
    if (messages) messages = upsert(messages, message, true, entry.hasOlder);
    conversation = withMessage(conversation, message);
    if (syncs && messages) syncedSeq = Math.max(syncedSeq, rev(message));
  }
  return { ...entry, messages, conversation, syncedSeq };
}

function countUnread(entry: ConversationEntry, me: string, afterSeq: number): number | null {
  const last = entry.conversation.lastMessage;
  if (!last || afterSeq >= last.seq) return 0;
  if (!entry.loaded || entry.hasOlder || !entry.messages) return null;
  const count = entry.messages.filter((m) => m.senderId !== me && !m.deleted && m.seq > afterSeq).length;
  return Math.min(count, MAX_UNREAD);
}

export function withoutTyping(typing: ChatState['typing'], conversationId: string, userId: string): ChatState['typing'] {
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
    !known && message.senderId !== state.me && !message.deleted && message.seq > (entry.conversation.lastSeq ?? 0) &&
    message.seq > (me?.lastReadSeq ?? 0);
  const next = applyMessages(entry, [message], true);
  if (unread) {
    next.conversation = { ...next.conversation, unreadCount: Math.min((next.conversation.unreadCount ?? 0) + 1, MAX_UNREAD) };
  }
  return { ...state, outbox, typing, conversations: { ...state.conversations, [message.conversationId]: next } };
}

export function onMessageDeleted(state: ChatState, frame: MessageDeletedFrame): ChatState {
  return patch(state, frame.conversationId, (entry) => {
    const { messageId } = frame;
    if (frame.scope === 'me') return hide(entry, messageId);
    const version = frame.version ?? 0;
    const dead = (m: Message) => (m.id === messageId && !(m.deleted && rev(m) >= version) ? tombstone(m, version) : m);
    const last = entry.conversation.lastMessage;
    const conversation = {
      ...entry.conversation,
      lastMessage: last ? dead(last) : last,
      lastSeq: Math.max(entry.conversation.lastSeq ?? 0, version),
    };
    const messages = entry.messages?.map(dead) ?? null;
    const syncedSeq = messages ? Math.max(entry.syncedSeq, version) : entry.syncedSeq;
    return { ...entry, messages, conversation, syncedSeq };
  });
}

/** Delete for me: the message goes, and the preview falls back to the newest one still shown. */
function hide(entry: ConversationEntry, messageId: string): ConversationEntry {
  if (entry.hidden.includes(messageId)) return entry;
  const messages = entry.messages?.filter((m) => m.id !== messageId) ?? null;
  let { lastMessage } = entry.conversation;
  if (lastMessage?.id === messageId) lastMessage = messages && messages.length > 0 ? messages[messages.length - 1] : null;
  return { ...entry, messages, hidden: [...entry.hidden, messageId], conversation: { ...entry.conversation, lastMessage } };
}

export function onReadUpdated(state: ChatState, frame: ReadUpdatedFrame): ChatState {
  return patch(state, frame.conversationId, (entry) => {
    const members = entry.conversation.members.map((m) =>
      m.user.id === frame.userId && frame.seq > (m.lastReadSeq ?? 0) ? { ...m, lastReadSeq: frame.seq } : m,
    );
    let { unreadCount } = entry.conversation;
    if (frame.userId === state.me) unreadCount = countUnread(entry, state.me, frame.seq) ?? unreadCount;
    return { ...entry, conversation: { ...entry.conversation, members, unreadCount } };
  });
}

export function onAcked(state: ChatState, ack: SendAck): ChatState {
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
    attachments: [],
    createdAt: ack.createdAt ?? pending.createdAt,
    deleted: false,
    deletedAt: null,
  };
  // Not a catch-up point: a message of someone else with a lower seq may still be on its way.
  const next = applyMessages(entry, [message], false);
  return { ...state, outbox, conversations: { ...state.conversations, [ack.conversationId]: next } };
}
