import type { Attachment } from '../../media/types';
import type { ServerMessageDeleted, ServerReaction } from '../../socket/protocol';

/** The messaging model as docs/messaging.md defines it. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  avatarMediaId?: string | null;
  /** See `PublicUser.avatarUrl`. */
  avatarUrl?: string | null;
}

export type Role = 'ADMIN' | 'MEMBER';

export interface Member {
  user: UserSummary;
  role: Role;
  joinedAt?: string;
  lastReadSeq: number;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  /**
   * The number of the message's last change (an edit, a reaction, its delete for everyone) in the conversation's
   * change order; equal to or above `seq`. A change numbered lower than the one applied is stale.
   */
  version: number;
  senderId: string;
  clientMessageId: string | null;
  /** May be empty when the message carries attachments. */
  text: string;
  /** None on a message deleted for everyone. */
  attachments: Attachment[];
  createdAt: string;
  deleted: boolean;
  deletedAt: string | null;
  /**
   * Only in a catch-up page (`afterSeq`): I deleted this message for myself (on any of my devices); `version` is
   * then the hide's number and the content is left out. Never shown.
   */
  hidden?: boolean;
  /** `call` for a call's record (from the caller, with `call` set); `text` otherwise. */
  kind?: 'text' | 'call';
  call?: CallRecord | null;
  /**
   * In a group, I blocked the sender: `text`, `attachments` and `call` are left out. Shown as a placeholder, and
   * never unread.
   */
  senderBlocked?: boolean;
  /** The message this one answers, as that message is now (absent from an older payload: read as null). */
  replyTo?: ReplyTo | null;
  /** When the text last changed; null when never edited. */
  editedAt?: string | null;
  /** Each emoji in the order it was first used, with who reacted in the order they did (absent: none). */
  reactions?: Reaction[];
  /** The members the text names as `@username` (absent: none). */
  mentions?: string[];
}

/**
 * A snippet of the message a reply answers, as that message is now: its first QUOTE_LENGTH characters, no text
 * when it was deleted for everyone or when I blocked its sender (`senderBlocked`).
 */
export interface ReplyTo {
  id: string;
  senderId: string;
  text: string;
  attachmentCount: number;
  kind: 'text' | 'call';
  deleted: boolean;
  senderBlocked: boolean;
}

/** One emoji on a message: how many put it there, and who (`ServerData.Reaction`). */
export type Reaction = ServerReaction;

/** How a call went, as its record in the conversation says. */
export interface CallRecord {
  media: 'audio' | 'video';
  outcome: 'completed' | 'missed' | 'declined' | 'busy' | 'cancelled' | 'failed';
  durationSeconds: number;
  /** A group call: everyone who took part (absent for a one-to-one call). */
  participantIds?: string[];
}

export interface Conversation {
  id: string;
  kind: 'DIRECT' | 'GROUP';
  title: string | null;
  createdAt?: string;
  lastActivityAt: string;
  lastSeq: number;
  members: Member[];
  /** DIRECT: the other person. */
  peer: UserSummary | null;
  /** GROUP: whether people added later see what was said before they joined (null for DIRECT). */
  newMembersSeeHistory?: boolean | null;
  myRole: Role | null;
  lastMessage: Message | null;
  unreadCount: number;
  /** Of the unread messages, those that mention me (absent: none). */
  unreadMentions?: number;
  /** My own mute of this chat's notifications: until then (ISO time); null or absent when not muted. */
  mutedUntil?: string | null;
}

export interface MessagePage {
  items: Message[];
  hasMore: boolean;
  /** Everything up to this seq is cleared for me (on any of my devices); 0 when never. */
  clearedSeq?: number;
}

export interface Presence {
  online: boolean;
  lastSeenAt: string | null;
}

export type DeleteScope = 'me' | 'everyone';

/**
 * A delete as the reducer applies it: a `message.deleted` frame with its scope known, or my own delete, applied
 * at once, before its frame brings `version`.
 */
export type MessageDeletion = Omit<ServerMessageDeleted, 'scope' | 'version'> & {
  scope: DeleteScope;
  /** The delete's number in the conversation's change order (for everyone, and for me too). */
  version?: number;
};

/** A message of mine not yet acknowledged by the server, or refused by it. */
export interface PendingSend {
  clientMessageId: string;
  conversationId: string;
  text: string;
  /** Uploaded already; sent as `attachmentIds`, and shown while the message is pending. */
  attachments?: Attachment[];
  /** The message it answers (sent as `replyToId`): the quote shows while the message is pending. */
  replyTo?: ReplyTo;
  createdAt: string;
  status: 'queued' | 'sending' | 'failed';
  /** `failed`: the server's error code and its wording. */
  errorCode?: string;
  error?: string;
}

/** Delivery state of my own messages, as shown and as `data-state`. */
export type DeliveryState = 'sending' | 'sent' | 'read' | 'failed';

/** One conversation as this tab holds it (the client-side state, see `chatState.ts`). */
export interface ConversationEntry {
  conversation: Conversation;
  /** Messages oldest first; null until the chat is opened (from then on live messages are kept too). */
  messages: Message[] | null;
  /** The newest page has arrived. */
  loaded: boolean;
  historyError: boolean;
  hasOlder: boolean;
  /** The highest seq or version applied to `messages`: a catch-up after a reconnect asks for what follows. */
  syncedSeq: number;
  /** Deleted for me: a repeated frame must not bring them back. */
  hidden: string[];
  /** Cleared for me up to this seq. */
  clearedSeq: number;
}

/** conversation id -> user id -> when the indicator lapses (epoch ms). */
export type WhoIsTyping = Record<string, Record<string, number>>;

export interface ChatState {
  me: string;
  status: 'loading' | 'ready' | 'error';
  conversations: Record<string, ConversationEntry>;
  presence: Record<string, Presence>;
  typing: WhoIsTyping;
  /** My sends not yet acknowledged, in the order they were written. */
  outbox: PendingSend[];
  /** conversation id -> what is typed in its composer and not sent (never blank; an edit in progress is not one). */
  drafts: Record<string, string>;
}
