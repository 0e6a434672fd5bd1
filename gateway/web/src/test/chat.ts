import { screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import type { Conversation, Member, Message, ReplyTo } from '../chat/store/types';
import {
  FrameType,
  type AckMessageEdited,
  type AckMessageSent,
  type ClientMessageEdit,
  type ClientMessageSend,
  type ClientReaction,
  type ServerReactionUpdated,
} from '../socket/protocol';
import type { FakeSocket } from './fakeSocket';
import { json } from './helpers';
import { lists, user } from './people';
import { renderApp, type Server } from './renderApp';

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
    replyTo: null,
    editedAt: null,
    reactions: [],
    mentions: [],
    ...extra,
  };
}

/** A reply's quote of `original` as the server sends it (its text cut to 200 characters). */
export function quote(original: Message, extra: Partial<ReplyTo> = {}): ReplyTo {
  return {
    id: original.id,
    senderId: original.senderId,
    text: Array.from(original.text).slice(0, 200).join(''),
    attachmentCount: original.attachments.length,
    kind: original.kind ?? 'text',
    deleted: original.deleted,
    senderBlocked: original.senderBlocked === true,
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

/**
 * Answers like the server: message.send is acked with the next number from `firstSeq`, message.edit with the next
 * number and the time, reaction.add / reaction.remove with the next number and the message's reactions (from
 * `reactions`, by message id, none unless given; mine are `ME`'s), read and deletes with `{}`.
 */
export function serverReplies(
  firstSeq = 100,
  reactions: Record<string, ServerReactionUpdated['reactions']> = {},
): FakeSocket['reply'] {
  let seq = firstSeq;
  return (type, data) => {
    if (type === FrameType.MESSAGE_EDIT) {
      const { conversationId, messageId } = data as ClientMessageEdit;
      const ack: AckMessageEdited = {
        conversationId,
        messageId,
        version: seq++,
        editedAt: new Date(Date.UTC(2026, 0, 5, 12, 30)).toISOString(),
      };
      return ack;
    }
    if (type === FrameType.REACTION_ADD || type === FrameType.REACTION_REMOVE) {
      const { conversationId, messageId, emoji } = data as ClientReaction;
      const current = reactions[messageId] ?? [];
      const others = current.find((r) => r.emoji === emoji)?.userIds.filter((id) => id !== ME) ?? [];
      const userIds = type === FrameType.REACTION_ADD ? [...others, ME] : others;
      const next = current.some((r) => r.emoji === emoji)
        ? current.map((r) => (r.emoji === emoji ? { emoji, count: userIds.length, userIds } : r))
        : [...current, { emoji, count: userIds.length, userIds }];
      reactions[messageId] = next.filter((r) => r.count > 0);
      const ack: ServerReactionUpdated = { conversationId, messageId, version: seq++, reactions: reactions[messageId] };
      return ack;
    }
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

/** The open chat's message rows, one of them by id, and its composer. */
export const bubbles = () => screen.queryAllByTestId('message');
export const bubble = (messageId: string) => bubbles().find((b) => b.dataset.messageId === messageId) as HTMLElement;
export const composer = () => screen.getByTestId<HTMLTextAreaElement>('composer');

/**
 * The app signed in on a chat whose history is `messages` (shown before this resolves), with `extra` endpoints, and
 * its frames answered as the server would.
 */
export async function openChat(
  conversation: Conversation = direct('bo', { lastSeq: 2 }),
  messages: Message[] = [message('d-bo', 1, 'bo'), message('d-bo', 2, 'ada')],
  extra: Server = {},
) {
  const app = renderApp(
    `/chats/${conversation.id}`,
    { ...lists(), ...chatServer([conversation], { [conversation.id]: messages }), ...extra },
    { signedIn: true },
  );
  app.socket.reply = serverReplies();
  await waitFor(() => expect(bubbles()).toHaveLength(messages.length));
  return app;
}
