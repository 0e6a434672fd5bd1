import type { Conversation, Message, ReplyTo } from './types';

/** How much of the original's text a reply quotes (the server's `ReplyTo.MAX_TEXT`, in characters). */
export const QUOTE_LENGTH = 200;

/** The last change a message has seen: its seq, or the number its latest edit, reaction or delete took. */
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
    // As the server has it: no reactions and no edit time any more; the quote stays (a tombstone does not show it).
    reactions: [],
    editedAt: null,
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

/** The first QUOTE_LENGTH characters (code points, as the server counts them, so no emoji is cut in half). */
export function snippet(text: string): string {
  const chars = Array.from(text);
  return chars.length > QUOTE_LENGTH ? chars.slice(0, QUOTE_LENGTH).join('') : text;
}

/** The quote of `message` as a reply to it carries it: what the pending reply shows before the server's comes. */
export function quoteOf(message: Message): ReplyTo {
  return {
    id: message.id,
    senderId: message.senderId,
    text: message.deleted || message.senderBlocked ? '' : snippet(message.text),
    attachmentCount: message.deleted ? 0 : message.attachments.length,
    kind: message.kind ?? 'text',
    deleted: message.deleted,
    senderBlocked: message.senderBlocked === true,
  };
}

/** What a quote reads from the message it quotes. */
type Quoted = Pick<Message, 'id' | 'text' | 'attachments' | 'deleted' | 'senderBlocked'>;

/**
 * `list` with the quotes of `original` (edited or deleted for everyone) as they read now. The replies themselves
 * did not change: their `version` stays. A quote of someone I blocked stays without text.
 */
export function requote(list: Message[], original: Quoted): Message[] {
  let changed = false;
  const next = list.map((m) => {
    const quote = m.replyTo;
    if (quote?.id !== original.id) return m;
    const hidden = original.deleted || quote.senderBlocked || original.senderBlocked === true;
    const replyTo: ReplyTo = {
      ...quote,
      deleted: original.deleted,
      text: hidden ? '' : snippet(original.text),
      attachmentCount: original.deleted ? 0 : quote.senderBlocked ? quote.attachmentCount : original.attachments.length,
    };
    const same =
      replyTo.text === quote.text &&
      replyTo.deleted === quote.deleted &&
      replyTo.attachmentCount === quote.attachmentCount;
    if (same) return m;
    changed = true;
    return { ...m, replyTo };
  });
  return changed ? next : list;
}

/** `list` with `message` in place of its earlier state, when it has one (never added). */
export function replaceNewer(list: Message[], message: Message): Message[] {
  const at = list.findIndex((m) => m.id === message.id);
  if (at < 0 || !supersedes(list[at], message)) return list;
  const next = [...list];
  next[at] = message;
  return next;
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
