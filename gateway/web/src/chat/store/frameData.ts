import type { ConversationUpdate } from './chatState';
import type {
  CallRecord,
  ConversationClearedFrame,
  Member,
  Message,
  MessageDeletedFrame,
  PresenceFrame,
  ReadUpdatedFrame,
  TypingFrame,
} from './types';

// Frames come from the network: each is checked before it touches the state, and a malformed one is dropped.
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const str = (value: unknown): value is string => typeof value === 'string' && value !== '';
const num = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isMember = (value: unknown): value is Member => isObject(value) && isObject(value.user) && str(value.user.id);

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
    attachments: Array.isArray(value.attachments) ? (value.attachments as { id: string }[]) : [],
    createdAt: typeof value.createdAt === 'string' ? value.createdAt : new Date().toISOString(),
    deleted: value.deleted === true,
    deletedAt: typeof value.deletedAt === 'string' ? value.deletedAt : null,
    // Only a catch-up item of a message I deleted for myself carries it.
    ...(value.hidden === true ? { hidden: true } : {}),
    ...(value.kind === 'call' ? { kind: 'call' as const, call: toCallRecord(value.call) } : {}),
    ...(value.senderBlocked === true ? { senderBlocked: true } : {}),
  };
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
  };
}

export const toMessages = (values: unknown[]): Message[] =>
  values.map(toMessage).filter((m): m is Message => m !== null);

export function toConversation(value: unknown): ConversationUpdate | null {
  if (!isObject(value) || !str(value.id) || (value.kind !== 'DIRECT' && value.kind !== 'GROUP')) return null;
  const members = Array.isArray(value.members) ? (value.members as unknown[]).filter(isMember) : [];
  return { ...(value as unknown as ConversationUpdate), members, lastSeq: num(value.lastSeq) ? value.lastSeq : 0 };
}

export function toDeleted(value: unknown): MessageDeletedFrame | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.messageId)) return null;
  if (value.scope !== 'me' && value.scope !== 'everyone') return null;
  return {
    conversationId: value.conversationId,
    messageId: value.messageId,
    scope: value.scope,
    version: num(value.version) ? value.version : undefined,
  };
}

export function toCleared(value: unknown): ConversationClearedFrame | null {
  if (!isObject(value) || !str(value.conversationId)) return null;
  return { conversationId: value.conversationId, seq: num(value.seq) ? value.seq : undefined };
}

export function toRead(value: unknown): ReadUpdatedFrame | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.userId) || !num(value.seq)) return null;
  return {
    conversationId: value.conversationId,
    userId: value.userId,
    seq: value.seq,
    messageId: str(value.messageId) || num(value.messageId) ? String(value.messageId) : '',
  };
}

export function toTyping(value: unknown): TypingFrame | null {
  if (!isObject(value) || !str(value.conversationId) || !str(value.userId)) return null;
  return { conversationId: value.conversationId, userId: value.userId, active: value.active === true };
}

export function toPresence(value: unknown): PresenceFrame | null {
  if (!isObject(value) || !str(value.userId) || typeof value.online !== 'boolean') return null;
  return { userId: value.userId, online: value.online, lastSeenAt: str(value.lastSeenAt) ? value.lastSeenAt : null };
}

export const conversationIdOf = (value: unknown): string | null =>
  isObject(value) && str(value.conversationId) ? value.conversationId : null;
