import type { AckMessageSent, ServerReactionUpdated, ServerReadUpdated } from '../../socket/protocol';
import {
  applyMessages,
  clearUpTo,
  onAcked,
  onMessageDeleted,
  onMessageEdited,
  onMessageNew,
  onMessageUpdated,
  onReactionsUpdated,
  onReadUpdated,
  onUserChanged,
  patch,
  settleOutbox,
  updatePending,
  withoutTyping,
  type MessageEdit,
} from './events';
import { rev, supersedes, upsert, withMessage } from './messageList';
import type {
  ChatState,
  Conversation,
  ConversationEntry,
  Member,
  Message,
  MessageDeletion,
  PendingSend,
  Presence,
  UserSummary,
  WhoIsTyping,
} from './types';

/** How long a `typing` frame shows without a renewal (senders renew every 3 s). */
export const TYPING_TTL_MS = 6_000;

export type { ChatState, ConversationEntry } from './types';

/** What a `conversation.updated` frame carries: a conversation without the caller's own fields. */
export type ConversationUpdate = Omit<Conversation, 'myRole' | 'lastMessage' | 'unreadCount'> &
  Partial<Pick<Conversation, 'myRole' | 'lastMessage' | 'unreadCount'>>;

export type ChatAction =
  | { type: 'listLoading' }
  /** `keep`: conversations that appeared after the list was requested, so it cannot hold them yet. */
  | { type: 'listLoaded'; items: Conversation[]; keep?: readonly string[] }
  | { type: 'listFailed' }
  /** From a REST answer (full) or a `conversation.updated` frame (`partial`). */
  | { type: 'upserted'; conversation: ConversationUpdate; partial?: boolean }
  | { type: 'removed'; conversationId: string }
  | { type: 'memberRemoved'; conversationId: string; userId: string }
  | { type: 'historyLoading'; conversationId: string }
  /** `clearedSeq`: the page's (everything up to it is cleared for me, maybe on another device). */
  | {
      type: 'historyLoaded';
      conversationId: string;
      items: Message[];
      hasMore: boolean;
      older: boolean;
      clearedSeq?: number;
    }
  | { type: 'historyFailed'; conversationId: string }
  /**
   * A catch-up page (`afterSeq`): new messages, tombstones, messages edited or reacted to (whole, replacing by id)
   * and messages I hid, in version order; and its clear.
   */
  | { type: 'caughtUp'; conversationId: string; items: Message[]; clearedSeq?: number }
  | { type: 'messageNew'; message: Message }
  | { type: 'messageDeleted'; frame: MessageDeletion }
  /** A `message.updated` frame: the whole message after an edit. */
  | { type: 'messageUpdated'; message: Message }
  /** My edit, acked. */
  | { type: 'messageEdited'; edit: MessageEdit }
  /** A `reaction.updated` frame (`syncs`), or the ack of my own reaction. */
  | { type: 'reactionsUpdated'; update: ServerReactionUpdated; syncs: boolean }
  | { type: 'readUpdated'; frame: ServerReadUpdated }
  | { type: 'readLocally'; conversationId: string; seq: number }
  | { type: 'unreadReset'; conversationId: string }
  /** My mute changed (a `conversation.muted` frame from another of my devices). */
  | { type: 'muted'; conversationId: string; mutedUntil: string | null }
  /** Cleared for me up to `seq` (a `conversation.cleared` frame), or up to `lastSeq` (my own clear). */
  | { type: 'cleared'; conversationId: string; seq?: number }
  | { type: 'presence'; userId: string; presence: Presence }
  /** A person's details changed (e.g. my own photo, at once after I change it): every chat shows them anew. */
  | { type: 'userChanged'; user: Pick<UserSummary, 'id'> & Partial<UserSummary> }
  /** A `typing` frame. */
  | { type: 'typingChanged'; conversationId: string; userId: string; active: boolean; now: number }
  | { type: 'typingExpired'; now: number }
  | { type: 'queued'; pending: PendingSend }
  | { type: 'sendStarted'; clientMessageId: string }
  | { type: 'sendRequeued'; clientMessageId: string }
  | { type: 'sendFailed'; clientMessageId: string; code: string; error: string }
  | { type: 'sendAcked'; ack: AckMessageSent }
  | { type: 'retried'; clientMessageId: string; newClientMessageId?: string }
  | { type: 'discarded'; clientMessageId: string }
  /** What is typed in a chat's composer; blank removes the draft. */
  | { type: 'draftChanged'; conversationId: string; text: string };

export function initialChatState(
  me: string,
  outbox: PendingSend[] = [],
  drafts: Record<string, string> = {},
): ChatState {
  return { me, status: 'loading', conversations: {}, presence: {}, typing: {}, outbox, drafts };
}

function newEntry(conversation: Conversation): ConversationEntry {
  return {
    conversation,
    messages: null,
    loaded: false,
    historyError: false,
    hasOlder: false,
    syncedSeq: 0,
    hidden: [],
    clearedSeq: 0,
  };
}

/** Read positions only move forward, so a stale answer never moves one back. */
function mergeMembers(next: Member[], previous: Member[] | undefined): Member[] {
  if (!previous) return next;
  return next.map((m) => {
    const before = previous.find((p) => p.user.id === m.user.id);
    return before ? { ...m, lastReadSeq: Math.max(m.lastReadSeq ?? 0, before.lastReadSeq ?? 0) } : m;
  });
}

/** `update` over `previous`, keeping what only this viewer knows when the update is a frame. */
function mergeConversation(
  me: string,
  update: ConversationUpdate,
  previous?: Conversation,
  partial = false,
): Conversation {
  const members = mergeMembers(
    Array.isArray(update.members) ? update.members : (previous?.members ?? []),
    previous?.members,
  );
  const self = members.find((m) => m.user.id === me);
  const other = members.find((m) => m.user.id !== me);
  const keep = partial && previous;
  return {
    ...update,
    title: update.title ?? null,
    members,
    // A frame goes to every member alike, so the other person is taken from the members.
    peer: update.kind === 'DIRECT' ? (other?.user ?? update.peer ?? previous?.peer ?? null) : null,
    myRole: self?.role ?? update.myRole ?? previous?.myRole ?? null,
    newMembersSeeHistory: update.newMembersSeeHistory ?? previous?.newMembersSeeHistory ?? null,
    lastSeq: Math.max(update.lastSeq ?? 0, previous?.lastSeq ?? 0),
    lastActivityAt: latest(update.lastActivityAt, previous?.lastActivityAt),
    lastMessage: keep
      ? previous.lastMessage
      : newest(update.lastMessage ?? null, previous?.lastMessage ?? null, update.lastSeq ?? 0),
    unreadCount: keep ? previous.unreadCount : (update.unreadCount ?? 0),
    unreadMentions: keep ? (previous.unreadMentions ?? 0) : (update.unreadMentions ?? 0),
    mutedUntil: keep ? (previous.mutedUntil ?? null) : (update.mutedUntil ?? null),
  };
}

const latest = (a: string, b: string | undefined) => (b && Date.parse(b) > Date.parse(a) ? b : a);

/**
 * The server's last message, unless a frame already brought a later one (null from the server wins: cleared). A
 * later one the server's `lastSeq` already covers was left out on purpose: deleted for me or cleared on another
 * device while this one was offline.
 */
function newest(fromServer: Message | null, known: Message | null, serverLastSeq: number): Message | null {
  if (!fromServer || !known) return fromServer;
  if (fromServer.id === known.id) return supersedes(fromServer, known) ? known : fromServer;
  return known.seq > fromServer.seq && known.seq > serverLastSeq ? known : fromServer;
}

type Entries = Record<string, ConversationEntry>;

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'listLoading':
      return state.status === 'ready' ? state : { ...state, status: 'loading' };
    case 'listLoaded': {
      const conversations: Entries = {};
      for (const item of action.items) {
        const previous = state.conversations[item.id];
        const conversation = mergeConversation(state.me, item, previous?.conversation);
        conversations[item.id] = previous ? { ...previous, conversation } : newEntry(conversation);
      }
      for (const id of action.keep ?? []) conversations[id] ??= state.conversations[id];
      return { ...state, status: 'ready', conversations };
    }
    case 'listFailed':
      return state.status === 'ready' ? state : { ...state, status: 'error' };
    case 'upserted': {
      const { conversation: update, partial } = action;
      const previous = state.conversations[update.id];
      if (partial && update.members?.length && !update.members.some((m) => m.user.id === state.me)) {
        return chatReducer(state, { type: 'removed', conversationId: update.id });
      }
      const conversation = mergeConversation(state.me, update, previous?.conversation, partial);
      const entry = previous ? { ...previous, conversation } : newEntry(conversation);
      return { ...state, conversations: { ...state.conversations, [update.id]: entry } };
    }
    case 'removed': {
      if (!state.conversations[action.conversationId]) return state;
      const { [action.conversationId]: _gone, ...conversations } = state.conversations;
      const { [action.conversationId]: _typing, ...typing } = state.typing;
      const outbox = state.outbox.filter((p) => p.conversationId !== action.conversationId);
      const { [action.conversationId]: _draft, ...drafts } = state.drafts;
      return { ...state, conversations, typing, outbox, drafts };
    }
    case 'memberRemoved':
      return patch(state, action.conversationId, (entry) => ({
        ...entry,
        conversation: {
          ...entry.conversation,
          members: entry.conversation.members.filter((m) => m.user.id !== action.userId),
        },
      }));
    case 'historyLoading':
      return patch(state, action.conversationId, (entry) => ({
        ...entry,
        messages: entry.messages ?? [],
        historyError: false,
      }));
    case 'historyLoaded': {
      const { conversationId, items, hasMore, older } = action;
      const next = patch(state, conversationId, (current) => {
        const cleared = clearUpTo(current, state.me, action.clearedSeq ?? 0);
        // Hidden items belong to catch-up pages; should one come here all the same, it hides its message.
        const hides = items.filter((m) => m.hidden);
        const entry = hides.length > 0 ? applyMessages(cleared, hides, false, state.me) : cleared;
        let { messages, conversation } = entry;
        messages ??= [];
        const shown = items.filter((m) => !m.hidden && !entry.hidden.includes(m.id) && m.seq > entry.clearedSeq);
        for (const message of shown) {
          messages = upsert(messages, message);
          conversation = withMessage(conversation, message);
        }
        const syncedSeq = older ? entry.syncedSeq : Math.max(entry.syncedSeq, ...shown.map(rev));
        return { ...entry, messages, conversation, loaded: true, hasOlder: hasMore, syncedSeq };
      });
      return { ...next, outbox: settleOutbox(next, items) };
    }
    case 'historyFailed':
      return patch(state, action.conversationId, (entry) => ({ ...entry, historyError: true }));
    case 'caughtUp': {
      const next = patch(state, action.conversationId, (entry) =>
        applyMessages(clearUpTo(entry, state.me, action.clearedSeq ?? 0), action.items, true, state.me),
      );
      return { ...next, outbox: settleOutbox(next, action.items) };
    }
    case 'messageNew':
      return onMessageNew(state, action.message);
    case 'messageDeleted':
      return onMessageDeleted(state, action.frame);
    case 'messageUpdated':
      return onMessageUpdated(state, action.message);
    case 'messageEdited':
      return onMessageEdited(state, action.edit);
    case 'reactionsUpdated':
      return onReactionsUpdated(state, action.update, action.syncs);
    case 'readUpdated':
      return onReadUpdated(state, action.frame);
    case 'readLocally':
      return patch(state, action.conversationId, (entry) => ({
        ...entry,
        conversation: {
          ...entry.conversation,
          unreadCount: 0,
          unreadMentions: 0,
          members: entry.conversation.members.map((m) =>
            m.user.id === state.me ? { ...m, lastReadSeq: Math.max(m.lastReadSeq ?? 0, action.seq) } : m,
          ),
        },
      }));
    case 'unreadReset':
      return patch(state, action.conversationId, (entry) =>
        entry.conversation.unreadCount === 0 && !entry.conversation.unreadMentions
          ? entry
          : { ...entry, conversation: { ...entry.conversation, unreadCount: 0, unreadMentions: 0 } },
      );
    case 'muted':
      return patch(state, action.conversationId, (entry) =>
        (entry.conversation.mutedUntil ?? null) === action.mutedUntil
          ? entry
          : { ...entry, conversation: { ...entry.conversation, mutedUntil: action.mutedUntil } },
      );
    case 'cleared':
      return patch(state, action.conversationId, (entry) =>
        clearUpTo(entry, state.me, action.seq ?? entry.conversation.lastSeq ?? 0),
      );
    case 'presence':
      return { ...state, presence: { ...state.presence, [action.userId]: action.presence } };
    case 'userChanged':
      return onUserChanged(state, action.user);
    case 'typingChanged': {
      const { conversationId, userId, active, now } = action;
      if (userId === state.me) return state;
      if (!active) return { ...state, typing: withoutTyping(state.typing, conversationId, userId) };
      const typing = {
        ...state.typing,
        [conversationId]: { ...state.typing[conversationId], [userId]: now + TYPING_TTL_MS },
      };
      return { ...state, typing };
    }
    case 'typingExpired': {
      let changed = false;
      const typing: WhoIsTyping = {};
      for (const [conversationId, people] of Object.entries(state.typing)) {
        const live = Object.entries(people).filter(([, until]) => until > action.now);
        changed ||= live.length !== Object.keys(people).length;
        if (live.length > 0) typing[conversationId] = Object.fromEntries(live);
      }
      return changed ? { ...state, typing } : state;
    }
    case 'queued':
      return { ...state, outbox: [...state.outbox, action.pending] };
    case 'sendStarted':
      return updatePending(state, action.clientMessageId, { status: 'sending' });
    case 'sendRequeued':
      return updatePending(state, action.clientMessageId, { status: 'queued' });
    case 'sendFailed':
      return updatePending(state, action.clientMessageId, {
        status: 'failed',
        errorCode: action.code,
        error: action.error,
      });
    case 'sendAcked':
      return onAcked(state, action.ack);
    case 'retried':
      return updatePending(state, action.clientMessageId, {
        status: 'queued',
        errorCode: undefined,
        error: undefined,
        clientMessageId: action.newClientMessageId ?? action.clientMessageId,
      });
    case 'discarded':
      return { ...state, outbox: state.outbox.filter((p) => p.clientMessageId !== action.clientMessageId) };
    case 'draftChanged': {
      const { conversationId, text } = action;
      if ((state.drafts[conversationId] ?? '') === (text.trim() ? text : '')) return state;
      const { [conversationId]: _old, ...drafts } = state.drafts;
      return { ...state, drafts: text.trim() ? { ...drafts, [conversationId]: text } : drafts };
    }
  }
}
