import type { Attachment } from '../../media/types';
import type {
  AckMessageEdited,
  ServerConversationCleared,
  ServerConversationMuted,
  ServerConversationRemoved,
  ServerConversationUpdated,
  ServerFriendUpdated,
  ServerMessageNew,
  ServerMessageUpdated,
  ServerPresence,
  ServerReactionUpdated,
  ServerReadUpdated,
  ServerTyping,
} from '../../socket/protocol';
import type { ConversationUpdate } from './chatState';
import type { CallRecord, Member, Message, MessageDeletion, Presence, Reaction, ReplyTo, UserSummary } from './types';

// Frames come from the network: each is checked before it touches the state, and a malformed one is dropped. Each
// check takes the data as unknown and gives the frame's generated interface (`protocol.ts`), with the app's own
// types for the resources it carries; where the app tolerates a field the protocol requires, the type says so.

/** `T` with the fields `K` optional: what the app still applies when an older or partial payload lacks them. */
type Lenient<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const str = (value: unknown): value is string => typeof value === 'string' && value !== '';
const num = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isMember = (value: unknown): value is Member => isObject(value) && isObject(value.user) && str(value.user.id);

/** `friend.updated`: someone's new name or photo, to show wherever they appear in chats. */
export function toFriendUpdated(value: unknown): ServerFriendUpdated<UserSummary> | null {
  return isObject(value) && isObject(value.user) && str(value.user.id)
    ? { user: value.user as unknown as UserSummary }
    : null;
}

/** A server message with defaults for what an older or partial payload leaves out. */
export function toMessage(value: unknown): Message | null {
  if (!isObject(value) || !str(value.id) || !str(value.conversationId) || !num(value.seq) || !str(value.senderId)) {
    return null;
  }
  return {
    id: value.id,
    conversationId: value.conversationId,
    seq: value.seq,
    version: num(value.version) ? value.version : value.seq,
    senderId: value.senderId,
    clientMessageId: typeof value.clientMessageId === 'string' ? value.clientMessageId : null,
    text: typeof value.text === 'string' ? value.text : '',
    attachments: Array.isArray(value.attachments) ? toAttachments(value.attachments as unknown[]) : [],
    createdAt: typeof value.createdAt === 'string' ? value.createdAt : new Date().toISOString(),
    deleted: value.deleted === true,
    deletedAt: typeof value.deletedAt === 'string' ? value.deletedAt : null,
    // Only a catch-up item of a message I deleted for myself carries it.
    ...(value.hidden === true ? { hidden: true } : {}),
    ...(value.kind === 'call' ? { kind: 'call' as const, call: toCallRecord(value.call) } : {}),
    ...(value.senderBlocked === true ? { senderBlocked: true } : {}),
    replyTo: toReplyTo(value.replyTo),
    editedAt: str(value.editedAt) ? value.editedAt : null,
    reactions: Array.isArray(value.reactions) ? toReactions(value.reactions as unknown[]) : [],
    mentions: Array.isArray(value.mentions) ? value.mentions.filter(str) : [],
  };
}

/** A reply's quote (null when absent or malformed: the reply then shows without it). */
export function toReplyTo(value: unknown): ReplyTo | null {
  if (!isObject(value) || !str(value.id) || !str(value.senderId)) return null;
  return {
    id: value.id,
    senderId: value.senderId,
    text: typeof value.text === 'string' ? value.text : '',
    attachmentCount: num(value.attachmentCount) ? value.attachmentCount : 0,
    kind: value.kind === 'call' ? 'call' : 'text',
    deleted: value.deleted === true,
    senderBlocked: value.senderBlocked === true,
  };
}

/** A message's reactions: each needs its emoji; who reacted defaults to nobody known, the count to how many. */
export function toReactions(values: unknown[]): Reaction[] {
  return values.filter(isObject).flatMap((value) => {
    if (!str(value.emoji)) return [];
    const userIds = Array.isArray(value.userIds) ? value.userIds.filter(str) : [];
    const count = num(value.count) ? value.count : userIds.length;
    return count > 0 ? [{ emoji: value.emoji, count, userIds }] : [];
  });
}

const numOrNull = (value: unknown) => (num(value) ? value : null);

/** A message's files: each needs an id and a URL; the rest has defaults. */
export function toAttachments(values: unknown[]): Attachment[] {
  return values.filter(isObject).flatMap((value) => {
    if (!str(value.id) || !str(value.url)) return [];
    return {
      id: value.id,
      url: value.url,
      thumbnailUrl: str(value.thumbnailUrl) ? value.thumbnailUrl : null,
      contentType: str(value.contentType) ? value.contentType : 'application/octet-stream',
      size: num(value.size) ? value.size : 0,
      width: numOrNull(value.width),
      height: numOrNull(value.height),
      durationSeconds: numOrNull(value.durationSeconds),
      name: typeof value.name === 'string' ? value.name : '',
    };
  });
}

const CALL_OUTCOMES = ['completed', 'missed', 'declined', 'busy', 'cancelled', 'failed'];

/** A call's record (null when malformed, e.g. the record of a deleted message). */
function toCallRecord(value: unknown): CallRecord | null {
  if (
    !isObject(value) ||
    (value.media !== 'audio' && value.media !== 'video') ||
    !CALL_OUTCOMES.includes(value.outcome as string)
  ) {
    return null;
  }
  return {
    media: value.media,
    outcome: value.outcome as CallRecord['outcome'],
    durationSeconds: num(value.durationSeconds) ? value.durationSeconds : 0,
    ...(Array.isArray(value.participantIds) ? { participantIds: value.participantIds.filter(str) } : {}),
  };
}

export function toMessageNew(value: unknown): ServerMessageNew<Message> | null {
  const message = isObject(value) ? toMessage(value.message) : null;
  return message && { message };
}

/** A `message.updated` frame: the whole message after an edit. */
export function toMessageUpdated(value: unknown): ServerMessageUpdated<Message> | null {
  const message = isObject(value) ? toMessage(value.message) : null;
  return message && { message };
}

/**
 * A `reaction.updated` frame, or the ack of `reaction.add` / `reaction.remove` (the same data): the message's
 * reactions as they now are. Without `version` it cannot be ordered against other changes, so it is dropped.
 */
export function toReactionUpdated(value: unknown): ServerReactionUpdated | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.messageId) || !num(value.version)) return null;
  if (!Array.isArray(value.reactions)) return null;
  return {
    conversationId: value.conversationId,
    messageId: value.messageId,
    version: value.version,
    reactions: toReactions(value.reactions as unknown[]),
  };
}

/** The ack of `message.edit`: the edit's number and time (null when the text was the same). */
export function toMessageEdited(value: unknown): AckMessageEdited | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.messageId) || !num(value.version)) return null;
  return {
    conversationId: value.conversationId,
    messageId: value.messageId,
    version: value.version,
    editedAt: str(value.editedAt) ? value.editedAt : null,
  };
}

export const toMessages = (values: unknown[]): Message[] =>
  values.map(toMessage).filter((m): m is Message => m !== null);

export function toConversation(value: unknown): ConversationUpdate | null {
  if (!isObject(value) || !str(value.id) || (value.kind !== 'DIRECT' && value.kind !== 'GROUP')) return null;
  const members = Array.isArray(value.members) ? (value.members as unknown[]).filter(isMember) : [];
  const conversation = { ...(value as unknown as ConversationUpdate), members };
  conversation.lastSeq = num(value.lastSeq) ? value.lastSeq : 0;
  // The viewer's own fields, when the payload has them (a frame has not).
  if ('unreadMentions' in value) conversation.unreadMentions = num(value.unreadMentions) ? value.unreadMentions : 0;
  if ('mutedUntil' in value) conversation.mutedUntil = str(value.mutedUntil) ? value.mutedUntil : null;
  return conversation;
}

/** A `conversation.muted` frame (my mute, from another of my devices); a missing `mutedUntil` unmutes. */
export function toMuted(value: unknown): Required<ServerConversationMuted> | null {
  if (!isObject(value) || !str(value.conversationId)) return null;
  return { conversationId: value.conversationId, mutedUntil: str(value.mutedUntil) ? value.mutedUntil : null };
}

/** A `conversation.updated` frame: the conversation without the viewer's own fields. */
export function toConversationUpdated(value: unknown): ServerConversationUpdated<ConversationUpdate> | null {
  const conversation = isObject(value) ? toConversation(value.conversation) : null;
  return conversation && { conversation };
}

/** A `message.deleted` frame; without `version` (an older payload) it is applied as a delete without a number. */
export function toDeleted(value: unknown): MessageDeletion | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.messageId)) return null;
  if (value.scope !== 'me' && value.scope !== 'everyone') return null;
  return {
    conversationId: value.conversationId,
    messageId: value.messageId,
    scope: value.scope,
    version: num(value.version) ? value.version : undefined,
  };
}

/** A `conversation.cleared` frame; without `seq` (an older payload) it clears up to the chat's `lastSeq`. */
export function toCleared(value: unknown): Lenient<ServerConversationCleared, 'seq'> | null {
  if (!isObject(value) || !str(value.conversationId)) return null;
  return { conversationId: value.conversationId, seq: num(value.seq) ? value.seq : undefined };
}

export function toRead(value: unknown): ServerReadUpdated | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.userId) || !num(value.seq)) return null;
  return {
    conversationId: value.conversationId,
    userId: value.userId,
    seq: value.seq,
    messageId: str(value.messageId) || num(value.messageId) ? String(value.messageId) : '',
  };
}

/** A `typing` frame; its `expiresInSeconds` is not read: an indicator lapses after TYPING_TTL_MS (6 s, the same). */
export function toTyping(value: unknown): Omit<ServerTyping, 'expiresInSeconds'> | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.userId)) return null;
  return { conversationId: value.conversationId, userId: value.userId, active: value.active === true };
}

/** A `presence` frame, with `lastSeenAt` null when it is missing (as the app's Presence has it). */
export function toPresence(value: unknown): (ServerPresence & Presence) | null {
  if (!isObject(value) || !str(value.userId) || typeof value.online !== 'boolean') return null;
  return { userId: value.userId, online: value.online, lastSeenAt: str(value.lastSeenAt) ? value.lastSeenAt : null };
}

export const toRemoved = (value: unknown): ServerConversationRemoved | null =>
  isObject(value) && str(value.conversationId) ? { conversationId: value.conversationId } : null;
