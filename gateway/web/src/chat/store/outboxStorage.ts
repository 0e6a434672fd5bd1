import { toReplyTo } from './frameData';
import type { PendingSend } from './types';

/** Pending sends survive a reload, per signed-in user (one outbox per user per browser profile). */
export const outboxKey = (userId: string) => `parley.outbox.${userId}`;

export function loadOutbox(storage: Storage | null, userId: string): PendingSend[] {
  try {
    const raw = storage?.getItem(outboxKey(userId));
    const value: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(value)) return [];
    // A send cut off by the reload may or may not have arrived; the same clientMessageId makes a resend safe.
    return value.filter(isPending).map((p) => ({
      ...p,
      status: p.status === 'sending' ? 'queued' : p.status,
      // What the reply answers, with the quote's fields as the app reads them.
      ...(p.replyTo ? { replyTo: toReplyTo(p.replyTo) ?? undefined } : {}),
    }));
  } catch {
    return [];
  }
}

export function saveOutbox(storage: Storage | null, userId: string, outbox: PendingSend[]): void {
  try {
    if (outbox.length === 0) storage?.removeItem(outboxKey(userId));
    else storage?.setItem(outboxKey(userId), JSON.stringify(outbox));
  } catch {
    // Storage full or disabled: the sends still go out from memory, they just won't survive a reload.
  }
}

function isPending(value: unknown): value is PendingSend {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.clientMessageId === 'string' &&
    typeof p.conversationId === 'string' &&
    typeof p.text === 'string' &&
    (p.attachments === undefined || Array.isArray(p.attachments)) &&
    // A reply must name what it answers: sent without it, it would no longer be one.
    (p.replyTo === undefined || toReplyTo(p.replyTo) !== null) &&
    typeof p.createdAt === 'string' &&
    (p.status === 'queued' || p.status === 'sending' || p.status === 'failed')
  );
}

export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * A random UUID for `clientMessageId`. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost), so a page served over plain http on another host builds one from `getRandomValues`.
 */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
