import type { Conversation, Message } from './types';

/** The last change a message has seen: its seq, or the seq its delete for everyone took. */
export const rev = (m: Message): number => Math.max(m.seq, m.version ?? 0);

/** Whether `next` is a later state of the same message than `current` (a tombstone never comes back). */
export function supersedes(current: Message, next: Message): boolean {
  if (current.deleted !== next.deleted) return next.deleted;
  return rev(next) > rev(current);
}

export function tombstone(message: Message, version?: number): Message {
  return {
    ...message,
    deleted: true,
    text: '',
    attachments: [],
    version: Math.max(message.version ?? 0, version ?? 0),
    deletedAt: message.deletedAt ?? new Date().toISOString(),
  };
}

/**
 * `list` (oldest first) with `message` added or replaced by a later state of it. When `onlyInWindow`, a
 * message older than the oldest loaded one is left out while older pages remain: it arrives with them.
 */
export function upsert(list: Message[], message: Message, onlyInWindow = false, hasOlder = false): Message[] {
  const at = list.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    if (!supersedes(list[at], message)) return list;
    const next = [...list];
    next[at] = message;
    return next;
  }
  if (onlyInWindow && hasOlder && list.length > 0 && message.seq < list[0].seq) return list;
  let index = list.length;
  while (index > 0 && list[index - 1].seq > message.seq) index--;
  return [...list.slice(0, index), message, ...list.slice(index)];
}

const time = (iso: string | null | undefined) => {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? 0 : at;
};

/** The conversation's summary after `message` (new or changed) was seen. */
export function withMessage(conversation: Conversation, message: Message): Conversation {
  const last = conversation.lastMessage;
  const isLast = !last || message.seq > last.seq || (message.id === last.id && supersedes(last, message));
  const lastActivityAt =
    time(message.createdAt) > time(conversation.lastActivityAt) ? message.createdAt : conversation.lastActivityAt;
  return {
    ...conversation,
    lastMessage: isLast ? message : last,
    lastActivityAt,
    lastSeq: Math.max(conversation.lastSeq ?? 0, rev(message)),
  };
}

/** Most recent activity first. */
export function byActivity(a: Conversation, b: Conversation): number {
  const at = (c: Conversation) => Math.max(time(c.lastActivityAt), time(c.lastMessage?.createdAt));
  return at(b) - at(a) || a.id.localeCompare(b.id);
}
