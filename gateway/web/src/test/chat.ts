import type { Conversation, Member, Message } from '../chat/store/types';
import { FrameType, type AckMessageSent, type ClientMessageSend } from '../socket/protocol';
import type { FakeSocket } from './fakeSocket';
import { json } from './helpers';
import { user } from './people';
import type { Server } from './renderApp';

/** The signed-in user of `renderApp` (see `auth()` in helpers). */
export const ME = 'u1';
const ada = { id: ME, username: 'ada', displayName: 'Ada Lovelace', avatarMediaId: null };

export function member(username: string, extra: Partial<Member> = {}): Member {
  const person = username === 'ada' ? ada : user(username);
  const { id, displayName, avatarMediaId } = person;
  return {
    user: { id, username, displayName, avatarMediaId: avatarMediaId ?? null },
    role: 'MEMBER',
    joinedAt: '2025-12-01T09:00:00Z',
    lastReadSeq: 0,
    ...extra,
  };
}

/** A message by `sender` (a username, or 'ada' for me): id `m<seq>`. */
export function message(conversationId: string, seq: number, sender: string, extra: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId,
    seq,
    version: seq,
    senderId: sender === 'ada' ? ME : `id-${sender}`,
    clientMessageId: `c${seq}`,
    text: `message ${seq}`,
    attachments: [],
    createdAt: new Date(Date.UTC(2026, 0, 5, 10, seq)).toISOString(),
    deleted: false,
    deletedAt: null,
    ...extra,
  };
}

/** A direct conversation `d-<username>` between me and `username`. */
export function direct(username: string, extra: Partial<Conversation> = {}): Conversation {
  const members = [member('ada'), member(username)];
  return {
    id: `d-${username}`,
    kind: 'DIRECT',
    title: null,
    createdAt: '2026-01-01T09:00:00Z',
    lastActivityAt: '2026-01-01T09:00:00Z',
    lastSeq: 0,
    members,
    peer: members[1].user,
    myRole: 'MEMBER',
    lastMessage: null,
    unreadCount: 0,
    ...extra,
  };
}

/** A group `g-<title>` of me (ADMIN unless said otherwise) and `usernames`. */
export function group(title: string, usernames: string[], extra: Partial<Conversation> = {}): Conversation {
  const myRole = extra.myRole ?? 'ADMIN';
  return {
    ...direct('x'),
    id: `g-${title.toLowerCase()}`,
    kind: 'GROUP',
    title,
    members: [member('ada', { role: myRole }), ...usernames.map((u) => member(u))],
    peer: null,
    myRole,
    ...extra,
  };
}

/** The list and each chat's newest page (`messages` oldest first, served newest first as the server does). */
export function chatServer(conversations: Conversation[], messages: Record<string, Message[]> = {}): Server {
  const server: Server = { 'GET /api/conversations': () => json(200, { items: conversations }) };
  for (const c of conversations) {
    server[`/api/conversations/${c.id}/messages?limit=50`] = () =>
      json(200, { items: [...(messages[c.id] ?? [])].reverse(), hasMore: false });
  }
  return server;
}

/** Answers like the server: message.send is acked with the next seq from `firstSeq`, read and deletes with `{}`. */
export function serverReplies(firstSeq = 100): FakeSocket['reply'] {
  let seq = firstSeq;
  return (type, data) => {
    if (type !== FrameType.MESSAGE_SEND) return {};
    const { clientMessageId, conversationId } = data as ClientMessageSend;
    const n = seq++;
    const ack: AckMessageSent = {
      clientMessageId,
      messageId: `m${n}`,
      conversationId,
      seq: n,
      createdAt: new Date(Date.UTC(2026, 0, 5, 12, 0, n)).toISOString(),
    };
    return ack;
  };
}
