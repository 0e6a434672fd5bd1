import type { Member } from './store/types';

// `@username` as the server reads it (docs/messaging.md, Mentions): an `@` at the start or after a character that
// cannot be in a username, then the username (3 to 32 of A-Z a-z 0-9 _ ., any case), a trailing dot left out.

const NAME_CHAR = /[A-Za-z0-9_.]/;

/** A piece of a message's text: plain, or `@username` naming one of the members it mentions. */
export type TextPart = { text: string; userId?: string };

/**
 * The text cut into plain parts and mentions of the members the message mentions (`mentions`, as the server
 * found them; `@name` of anyone else stays plain).
 */
export function mentionParts(text: string, mentions: readonly string[] | undefined, members: Member[]): TextPart[] {
  if (!mentions || mentions.length === 0 || !text.includes('@')) return [{ text }];
  const byName = new Map(
    members.filter((m) => mentions.includes(m.user.id)).map((m) => [m.user.username.toLowerCase(), m.user.id]),
  );
  const parts: TextPart[] = [];
  let plainFrom = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let end = at + 1;
    if (at === 0 || !NAME_CHAR.test(text[at - 1])) {
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      while (end > at + 1 && text[end - 1] === '.') end--;
      const userId = byName.get(text.slice(at + 1, end).toLowerCase());
      if (userId) {
        if (at > plainFrom) parts.push({ text: text.slice(plainFrom, at) });
        parts.push({ text: text.slice(at, end), userId });
        plainFrom = end;
      }
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom) });
  return parts;
}

/** An `@name` being typed just before the caret: where its `@` is and what follows it (maybe nothing yet). */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[^A-Za-z0-9_.])@([A-Za-z0-9_.]{0,32})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/** The members (not me) whose username or display name (or a word of it) starts with `query`, any case. */
export function mentionMatches(members: Member[], me: string, query: string, limit = 6): Member[] {
  const q = query.toLowerCase();
  return members
    .filter((m) => m.user.id !== me)
    .filter(
      (m) =>
        m.user.username.toLowerCase().startsWith(q) ||
        (m.user.displayName ?? '')
          .toLowerCase()
          .split(/\s+/)
          .some((word) => word.startsWith(q)),
    )
    .slice(0, limit);
}
