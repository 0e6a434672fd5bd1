import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AckMessageSent } from '../../socket/protocol';
import { SocketError } from '../../socket/socket';
import { direct, member, message, ME, quote } from '../../test/chat';
import { createFakeSocket } from '../../test/fakeSocket';
import { deferred, memoryStorage } from '../../test/helpers';
import { attachment } from '../../test/media';
import type { ChatApi, MessageQuery } from './chatApi';
import { createChatStore } from './chatStore';
import { outboxKey } from './outboxStorage';
import { RESEND_DELAY_MS } from './sendQueue';
import type { Conversation, MessagePage } from './types';

type Pages = (id: string, query: MessageQuery) => MessagePage;

function setup({
  conversations = [direct('bo')],
  pages = () => ({ items: [], hasMore: false }),
  status = 'open' as const,
  storage = memoryStorage(),
  reply,
}: {
  conversations?: Conversation[];
  pages?: Pages;
  status?: 'open' | 'connecting';
  storage?: Storage;
  reply?: (type: string, data: unknown) => unknown;
} = {}) {
  const socket = createFakeSocket(status);
  if (reply) socket.reply = reply;
  const mocks = {
    conversations: vi.fn(async () => conversations),
    messages: vi.fn(async (id: string, query: MessageQuery = {}) => pages(id, query)),
    conversation: vi.fn(
      async (id: string) => conversations.find((c) => c.id === id) ?? Promise.reject(new Error('404')),
    ),
  };
  const api = mocks as unknown as ChatApi & typeof mocks;
  let n = 0;
  const store = createChatStore({ api, socket, me: ME, storage, newId: () => `k${++n}` });
  stops.push(store.start());
  const sends = () => socket.sent.filter((f) => f.type === 'message.send').map((f) => f.data);
  return { socket, api, store, storage, sends };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

const ack = (clientMessageId: string, seq: number): AckMessageSent => ({
  clientMessageId,
  messageId: `m${seq}`,
  conversationId: 'd-bo',
  seq,
  createdAt: '2026-01-05T10:00:00Z',
});

/** Holds each message.send until the test answers it. */
function holdSends(socket: ReturnType<typeof createFakeSocket>) {
  const answers: ReturnType<typeof deferred<AckMessageSent>>[] = [];
  const failures: ((error: SocketError) => void)[] = [];
  socket.reply = (type) => {
    if (type !== 'message.send') return {};
    const answer = deferred<AckMessageSent>();
    answers.push(answer);
    return new Promise((resolve, reject) => {
      failures.push(reject);
      void answer.promise.then(resolve);
    });
  };
  return { answers, failures };
}

describe('chat store: sending', () => {
  it('keeps sends made offline pending, then sends them in order, one at a time, with their ids', async () => {
    const { socket, store, sends } = setup({ status: 'connecting' });
    const { answers } = holdSends(socket);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));

    store.send('d-bo', '  one  ');
    store.send('d-bo', 'two');
    expect(store.getState().outbox.map((p) => [p.clientMessageId, p.text, p.status])).toEqual([
      ['k1', 'one', 'queued'],
      ['k2', 'two', 'queued'],
    ]);
    expect(sends()).toEqual([]);

    socket.setStatus('open');
    expect(sends()).toEqual([{ conversationId: 'd-bo', clientMessageId: 'k1', text: 'one' }]);

    answers[0].resolve(ack('k1', 1));
    await vi.waitFor(() => expect(sends()).toHaveLength(2));
    expect(sends()[1]).toEqual({ conversationId: 'd-bo', clientMessageId: 'k2', text: 'two' });
    expect(store.getState().outbox.map((p) => p.clientMessageId)).toEqual(['k2']);
  });

  it('sends a message cut off by a dropped connection again with the same clientMessageId', async () => {
    const { socket, store, sends } = setup();
    const { answers, failures } = holdSends(socket);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    store.send('d-bo', 'hello');
    store.send('d-bo', 'again');
    socket.setStatus('connecting');
    failures[0](new SocketError('DISCONNECTED', 'Connection lost', { retryable: true }));
    await vi.waitFor(() => expect(store.getState().outbox[0].status).toBe('queued'));
    expect(sends()).toHaveLength(1);

    socket.setStatus('open');
    expect(sends().map((d) => (d as { clientMessageId: string }).clientMessageId)).toEqual(['k1', 'k1']);
    answers[1].resolve(ack('k1', 1));
    await vi.waitFor(() => expect(sends()).toHaveLength(3));
    expect(sends()[2]).toMatchObject({ clientMessageId: 'k2' });
    answers[2].resolve(ack('k2', 2));

    await vi.waitFor(() => expect(store.getState().outbox).toEqual([]));
    expect(store.getState().conversations['d-bo'].messages?.map((m) => [m.id, m.text, m.clientMessageId])).toEqual([
      ['m1', 'hello', 'k1'],
      ['m2', 'again', 'k2'],
    ]);
  });

  it.each([
    ['TIMEOUT', {}],
    ['UNAVAILABLE', { retryAfterMs: 2_000 }],
    ['RATE_LIMITED', { retryAfterMs: 740 }],
    ['A_CODE_ADDED_LATER', {}],
  ])('tries a send again after a pause while the socket stays open (retryable %s)', async (code, options) => {
    vi.useFakeTimers();
    const { socket, store, sends } = setup();
    let calls = 0;
    socket.reply = (type) => {
      if (type === 'message.send' && ++calls === 1) {
        throw new SocketError(code, 'Try again', { retryable: true, ...options });
      }
      return ack('k1', 1);
    };

    store.send('d-bo', 'hello');
    await vi.advanceTimersByTimeAsync(RESEND_DELAY_MS - 1);
    expect(sends()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    expect(sends()).toEqual([
      { conversationId: 'd-bo', clientMessageId: 'k1', text: 'hello' },
      { conversationId: 'd-bo', clientMessageId: 'k1', text: 'hello' },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().outbox).toEqual([]);
  });

  it('waits as long as the server asks before sending again, when that is longer than the usual pause', async () => {
    vi.useFakeTimers();
    const { socket, store, sends } = setup();
    let calls = 0;
    socket.reply = (type) => {
      if (type === 'message.send' && ++calls === 1) {
        throw new SocketError('UNAVAILABLE', 'Try again later', { retryable: true, retryAfterMs: 5_000 });
      }
      return ack('k1', 1);
    };

    store.send('d-bo', 'hello');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sends()).toHaveLength(1);
    expect(store.getState().outbox[0].status).toBe('queued');
    await vi.advanceTimersByTimeAsync(1);

    expect(sends()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().outbox).toEqual([]);
  });

  it('goes by retryable, not by the code: a send refused as not retryable fails at once', async () => {
    vi.useFakeTimers();
    const { socket, store, sends } = setup();
    socket.reply = () => {
      throw new SocketError('RATE_LIMITED', 'Slow down', { retryable: false });
    };

    store.send('d-bo', 'hello');
    await vi.advanceTimersByTimeAsync(10 * RESEND_DELAY_MS);

    expect(sends()).toHaveLength(1);
    expect(store.getState().outbox[0]).toMatchObject({
      clientMessageId: 'k1',
      status: 'failed',
      errorCode: 'RATE_LIMITED',
    });
  });

  it('marks a send the server refuses as failed with a readable reason, and moves on to the next', async () => {
    const { socket, store, sends } = setup();
    socket.reply = (type, data) => {
      if (type !== 'message.send') return {};
      if ((data as { text: string }).text === 'one') throw new SocketError('NOT_FRIENDS', 'not friends');
      return ack('k2', 3);
    };

    store.send('d-bo', 'one');
    store.send('d-bo', 'two');

    await vi.waitFor(() => expect(store.getState().outbox).toHaveLength(1));
    expect(store.getState().outbox[0]).toMatchObject({
      clientMessageId: 'k1',
      status: 'failed',
      errorCode: 'NOT_FRIENDS',
      error: 'You can only message your friends.',
    });
    expect(sends()).toHaveLength(2);

    socket.reply = () => ack('k1', 4);
    store.retry('k1');
    await vi.waitFor(() => expect(store.getState().outbox).toEqual([]));
    expect(sends()[2]).toMatchObject({ clientMessageId: 'k1', text: 'one' });
  });

  it('discards a failed send', async () => {
    const { socket, store } = setup();
    socket.reply = () => {
      throw new SocketError('BLOCKED', 'blocked');
    };
    store.send('d-bo', 'one');
    await vi.waitFor(() => expect(store.getState().outbox[0]?.status).toBe('failed'));

    store.discard('k1');

    expect(store.getState().outbox).toEqual([]);
  });

  it('keeps pending sends in localStorage per user, and sends them after a reload', async () => {
    const storage = memoryStorage();
    const first = setup({ status: 'connecting', storage });
    first.store.send('d-bo', 'written offline');
    expect(JSON.parse(storage.getItem(outboxKey(ME)) ?? '[]')).toMatchObject([
      { clientMessageId: 'k1', conversationId: 'd-bo', text: 'written offline' },
    ]);
    stops.splice(0).forEach((stop) => stop());

    const reloaded = setup({ storage, reply: () => ack('k1', 1) });
    expect(reloaded.sends()).toEqual([{ conversationId: 'd-bo', clientMessageId: 'k1', text: 'written offline' }]);
    await vi.waitFor(() => expect(storage.getItem(outboxKey(ME))).toBeNull());
  });

  it('sends files as attachmentIds, with or without text, and the acked message keeps them', async () => {
    const { store, sends } = setup({ reply: () => ack('k1', 1) });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    const files = [attachment('a1'), attachment('a2', { contentType: 'application/pdf' })];

    store.send('d-bo', '  ', files);

    expect(sends()).toEqual([{ conversationId: 'd-bo', clientMessageId: 'k1', text: '', attachmentIds: ['a1', 'a2'] }]);
    await vi.waitFor(() => expect(store.getState().outbox).toEqual([]));
    expect(store.getState().conversations['d-bo'].messages?.[0]).toMatchObject({
      id: 'm1',
      text: '',
      attachments: files,
    });
  });

  it('does not send more than 10 files in one message', () => {
    const { store } = setup();
    store.send(
      'd-bo',
      'many',
      Array.from({ length: 11 }, (_, i) => attachment(`a${i}`)),
    );
    expect(store.getState().outbox).toEqual([]);
  });

  it('shows my new photo in every chat I am in at once', async () => {
    const { store } = setup();
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    const avatarUrl = '/api/media/p9/content?variant=avatar';

    store.userChanged({ id: ME, avatarMediaId: 'p9', avatarUrl });

    const me = store.getState().conversations['d-bo'].conversation.members.find((m) => m.user.id === ME);
    expect(me?.user).toMatchObject({ avatarMediaId: 'p9', avatarUrl });
  });

  it('does not send empty or over-long messages', () => {
    const { store } = setup();
    store.send('d-bo', ' \n\t ');
    store.send('d-bo', 'x'.repeat(4001));
    expect(store.getState().outbox).toEqual([]);
  });
});

describe('chat store: reconnect', () => {
  it('fetches the list again and what changed after the highest seq seen, page by page', async () => {
    const pages: Pages = (_id, query) => {
      if (query.afterSeq === undefined)
        return { items: [message('d-bo', 2, 'bo'), message('d-bo', 1, 'bo')], hasMore: false };
      if (query.afterSeq === 2) return { items: [message('d-bo', 3, 'bo')], hasMore: true };
      return { items: [message('d-bo', 1, 'bo', { deleted: true, text: '', version: 4 })], hasMore: false };
    };
    const { socket, store, api } = setup({ pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    socket.setStatus('connecting');
    socket.setStatus('open');

    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].syncedSeq).toBe(4));
    expect(api.conversations).toHaveBeenCalledTimes(2);
    expect(api.messages.mock.calls.map(([, query]) => query)).toEqual([
      { before: undefined, limit: 50 },
      { afterSeq: 2, limit: 100 },
      { afterSeq: 3, limit: 100 },
    ]);
    const messages = store.getState().conversations['d-bo'].messages ?? [];
    expect(messages.map((m) => [m.id, m.deleted])).toEqual([
      ['m1', true],
      ['m2', false],
      ['m3', false],
    ]);
  });

  it('learns of a delete for me made on another device while offline, and asks from the hide on', async () => {
    const m1 = message('d-bo', 1, 'bo');
    const m2 = message('d-bo', 2, 'bo');
    // The list as it was before going offline (the stale answer is the harder case: the catch-up must fix it).
    const members = [member('ada', { lastReadSeq: 1 }), member('bo')];
    const conversation = direct('bo', { lastSeq: 2, lastMessage: m2, unreadCount: 1, members });
    const pages: Pages = (_id, query) => {
      if (query.afterSeq === undefined) return { items: [m2, m1], hasMore: false, clearedSeq: 0 };
      if (query.afterSeq === 2) {
        // As the server sends it: the message without content, `hidden`, `version` the hide's number.
        const hidden = { ...m2, text: '', version: 3, hidden: true };
        return { items: [hidden], hasMore: true, clearedSeq: 0 };
      }
      return { items: [], hasMore: false, clearedSeq: 0 };
    };
    const { socket, store, api } = setup({ conversations: [conversation], pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    socket.setStatus('connecting');
    socket.setStatus('open');

    await vi.waitFor(() => expect(api.messages).toHaveBeenCalledTimes(3));
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].messages?.map((m) => m.id)).toEqual(['m1']));
    const entry = store.getState().conversations['d-bo'];
    expect(entry.conversation.lastMessage?.id).toBe('m1');
    expect(entry.conversation.unreadCount).toBe(0);
    expect(entry.syncedSeq).toBe(3);
    expect(api.messages.mock.calls.map(([, query]) => query?.afterSeq)).toEqual([undefined, 2, 3]);

    socket.emit('message.new', { message: m2 });
    expect(store.getState().conversations['d-bo'].messages?.map((m) => m.id)).toEqual(['m1']);
  });

  it('learns of a clear made on another device while offline, keeping what came after it', async () => {
    const items = [1, 2, 3].map((seq) => message('d-bo', seq, 'bo'));
    const pages: Pages = (_id, query) => {
      if (query.afterSeq === undefined) return { items: [...items].reverse(), hasMore: false, clearedSeq: 0 };
      return { items: [message('d-bo', 4, 'bo')], hasMore: false, clearedSeq: 2 };
    };
    const { socket, store } = setup({ conversations: [direct('bo', { lastSeq: 3, lastMessage: items[2] })], pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    socket.setStatus('connecting');
    socket.setStatus('open');

    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].syncedSeq).toBe(4));
    const entry = store.getState().conversations['d-bo'];
    expect(entry.messages?.map((m) => m.id)).toEqual(['m3', 'm4']);
    expect(entry.clearedSeq).toBe(2);
  });

  it('a live delete for me moves the point the next catch-up asks from', async () => {
    const newest = [message('d-bo', 2, 'bo'), message('d-bo', 1, 'bo')];
    const pages: Pages = (_id, query) => ({ items: query.afterSeq === undefined ? newest : [], hasMore: false });
    const { socket, store, api } = setup({ pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    socket.emit('message.deleted', { conversationId: 'd-bo', messageId: 'm1', scope: 'me', version: 5 });
    socket.setStatus('connecting');
    socket.setStatus('open');

    await vi.waitFor(() => expect(api.messages).toHaveBeenCalledTimes(2));
    expect(api.messages.mock.calls[1][1]).toEqual({ afterSeq: 5, limit: 100 });
    expect(store.getState().conversations['d-bo'].messages?.map((m) => m.id)).toEqual(['m2']);
  });

  it('does not fetch messages of chats that were never opened', async () => {
    const { socket, store, api } = setup();
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    socket.setStatus('connecting');
    socket.setStatus('open');
    await vi.waitFor(() => expect(api.conversations).toHaveBeenCalledTimes(2));
    expect(api.messages).not.toHaveBeenCalled();
  });
});

describe('chat store: live frames', () => {
  it('drops a typing indicator 6 s after its last renewal', async () => {
    vi.useFakeTimers();
    const { socket, store } = setup();
    const typing = () => Object.keys(store.getState().typing['d-bo'] ?? {});
    const frame = { conversationId: 'd-bo', userId: 'id-bo', active: true, expiresInSeconds: 6 };

    socket.emit('typing', frame);
    await vi.advanceTimersByTimeAsync(4_000);
    socket.emit('typing', frame);
    await vi.advanceTimersByTimeAsync(5_999);
    expect(typing()).toEqual(['id-bo']);

    await vi.advanceTimersByTimeAsync(1);
    expect(typing()).toEqual([]);
  });

  it('fetches a conversation it does not know when a message arrives in it', async () => {
    const { socket, store, api } = setup({ conversations: [] });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    (api.conversation as ReturnType<typeof vi.fn>).mockResolvedValueOnce(direct('cy', { lastSeq: 1 }));

    socket.emit('message.new', { message: message('d-cy', 1, 'cy') });

    await vi.waitFor(() => expect(Object.keys(store.getState().conversations)).toEqual(['d-cy']));
    expect(api.conversation).toHaveBeenCalledWith('d-cy');
  });

  it('empties a conversation cleared on another of my devices', async () => {
    const pages: Pages = () => ({ items: [message('d-bo', 2, 'ada'), message('d-bo', 1, 'bo')], hasMore: false });
    const { socket, store } = setup({ conversations: [direct('bo', { unreadCount: 1, lastSeq: 2 })], pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].messages).toHaveLength(2));

    socket.emit('conversation.cleared', { conversationId: 'd-bo', seq: 2 });

    const entry = store.getState().conversations['d-bo'];
    expect(entry.messages).toEqual([]);
    expect(entry.conversation.lastMessage).toBeNull();
    expect(entry.conversation.unreadCount).toBe(0);
  });

  it('a clear on another device keeps the messages after the seq its frame names', async () => {
    const items = [message('d-bo', 3, 'bo'), message('d-bo', 2, 'ada'), message('d-bo', 1, 'bo')];
    const pages: Pages = () => ({ items, hasMore: false });
    const { socket, store } = setup({ conversations: [direct('bo', { unreadCount: 2, lastSeq: 3 })], pages });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].messages).toHaveLength(3));

    socket.emit('conversation.cleared', { conversationId: 'd-bo', seq: 2 });

    const entry = store.getState().conversations['d-bo'];
    expect(entry.messages?.map((m) => m.id)).toEqual(['m3']);
    expect(entry.conversation.lastMessage?.id).toBe('m3');
    expect(entry.conversation.unreadCount).toBe(1);
  });

  it('sends read for the newest message from others, once, and resets the badge', async () => {
    const pages: Pages = () => ({ items: [message('d-bo', 2, 'ada'), message('d-bo', 1, 'bo')], hasMore: false });
    const { socket, store } = setup({ conversations: [direct('bo', { unreadCount: 1 })], pages });
    socket.reply = (type) => (type === 'read' ? { conversationId: 'd-bo', messageId: 'm1', seq: 1 } : {});
    const reads = () => socket.sent.filter((f) => f.type === 'read').map((f) => f.data);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));

    store.markRead('d-bo');
    store.markRead('d-bo');
    expect(reads()).toEqual([{ conversationId: 'd-bo', messageId: 'm1' }]);
    expect(store.getState().conversations['d-bo'].conversation.unreadCount).toBe(0);
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].conversation.members[0].lastReadSeq).toBe(1));

    store.markRead('d-bo');
    socket.emit('message.new', { message: message('d-bo', 3, 'bo') });
    store.markRead('d-bo');
    expect(reads()).toEqual([
      { conversationId: 'd-bo', messageId: 'm1' },
      { conversationId: 'd-bo', messageId: 'm3' },
    ]);
  });
});

describe('chat store: loading', () => {
  it('does not retry a failed first page by itself, only when asked', async () => {
    const { store, api } = setup();
    api.messages.mockRejectedValue(new Error('down'));
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));

    store.open('d-bo');
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].historyError).toBe(true));
    store.open('d-bo');
    expect(api.messages).toHaveBeenCalledTimes(1);

    api.messages.mockResolvedValue({ items: [message('d-bo', 1, 'bo')], hasMore: false });
    store.open('d-bo', true);
    await vi.waitFor(() => expect(store.getState().conversations['d-bo'].loaded).toBe(true));
    expect(api.messages).toHaveBeenCalledTimes(2);
  });

  it('keeps a conversation created while the list was on its way', async () => {
    const { store, api } = setup({ conversations: [] });
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    const list = deferred<Conversation[]>();
    api.conversations.mockReturnValueOnce(list.promise);
    (api as unknown as { direct: unknown }).direct = vi.fn(async () => direct('cy'));

    const reloading = store.reload();
    await store.openDirect('id-cy');
    list.resolve([]);
    await reloading;

    expect(Object.keys(store.getState().conversations)).toEqual(['d-cy']);
  });
});

describe('chat store: replies, edits and reactions', () => {
  async function opened(items = [message('d-bo', 2, 'bo'), message('d-bo', 1, 'ada')], options = {}) {
    const pages: Pages = (_id, query) => ({ items: query.afterSeq === undefined ? items : [], hasMore: false });
    const chat = setup({ pages, ...options });
    await vi.waitFor(() => expect(chat.store.getState().status).toBe('ready'));
    chat.store.open('d-bo');
    await vi.waitFor(() => expect(chat.store.getState().conversations['d-bo'].loaded).toBe(true));
    return chat;
  }
  const original = message('d-bo', 2, 'bo', { text: 'what do you think?' });

  it('sends a reply with replyToId, shows its quote while pending, and the sent message keeps it', async () => {
    const { socket, store, sends } = await opened([original, message('d-bo', 1, 'ada')]);
    const { answers } = holdSends(socket);

    store.send('d-bo', 'yes', [], original);

    expect(sends()).toEqual([{ conversationId: 'd-bo', clientMessageId: 'k1', text: 'yes', replyToId: 'm2' }]);
    expect(store.getState().outbox[0].replyTo).toEqual(quote(original));
    answers[0].resolve(ack('k1', 3));
    await vi.waitFor(() => expect(store.getState().outbox).toEqual([]));
    expect(store.getState().conversations['d-bo'].messages?.[2]).toMatchObject({ id: 'm3', replyTo: quote(original) });
  });

  it('keeps the reply through a dropped connection, a retry and a reload', async () => {
    const storage = memoryStorage();
    const first = await opened([original], { storage });
    const { failures } = holdSends(first.socket);
    first.store.send('d-bo', 'yes', [], original);
    first.socket.setStatus('connecting');
    failures[0](new SocketError('DISCONNECTED', 'Connection lost', { retryable: true }));
    await vi.waitFor(() => expect(first.store.getState().outbox[0].status).toBe('queued'));
    first.socket.setStatus('open');
    expect(first.sends()[1]).toEqual({ conversationId: 'd-bo', clientMessageId: 'k1', text: 'yes', replyToId: 'm2' });

    // Refused, then retried: still a reply.
    failures[1](new SocketError('UNAVAILABLE', 'busy'));
    await vi.waitFor(() => expect(first.store.getState().outbox[0].status).toBe('failed'));
    first.store.retry('k1');
    expect(first.sends()[2]).toMatchObject({ clientMessageId: 'k1', replyToId: 'm2' });
    first.socket.setStatus('connecting');
    failures[2](new SocketError('DISCONNECTED', 'Connection lost', { retryable: true }));
    await vi.waitFor(() => expect(first.store.getState().outbox[0].status).toBe('queued'));
    expect(JSON.parse(storage.getItem(outboxKey(ME)) ?? '[]')).toMatchObject([{ replyTo: quote(original) }]);
    stops.splice(0).forEach((stop) => stop());

    // After a reload: sent again as the same reply, the quote shown meanwhile.
    const reloaded = setup({ storage, status: 'connecting' });
    expect(reloaded.store.getState().outbox[0]).toMatchObject({ clientMessageId: 'k1', replyTo: quote(original) });
    reloaded.socket.reply = () => ack('k1', 3);
    reloaded.socket.setStatus('open');
    expect(reloaded.sends()).toEqual([{ conversationId: 'd-bo', clientMessageId: 'k1', text: 'yes', replyToId: 'm2' }]);
  });

  it('edits over the socket and applies the ack; a refusal rejects with its code and changes nothing', async () => {
    const mine = message('d-bo', 1, 'ada', { text: 'helo' });
    const { socket, store } = await opened([mine]);
    socket.reply = (type, data) => {
      if (type !== 'message.edit') return {};
      if ((data as { text: string }).text === 'late') throw new SocketError('EDIT_WINDOW_CLOSED', 'Too late');
      return { conversationId: 'd-bo', messageId: 'm1', version: 4, editedAt: '2026-01-05T11:00:00Z' };
    };

    await store.editMessage('d-bo', 'm1', '  hello  ');

    expect(socket.sentData('message.edit')).toEqual([{ conversationId: 'd-bo', messageId: 'm1', text: 'hello' }]);
    const edited = () => store.getState().conversations['d-bo'].messages?.[0];
    expect(edited()).toMatchObject({ text: 'hello', version: 4, editedAt: '2026-01-05T11:00:00Z' });
    expect(store.getState().conversations['d-bo'].conversation.lastMessage?.text).toBe('hello');

    await expect(store.editMessage('d-bo', 'm1', 'late')).rejects.toMatchObject({ code: 'EDIT_WINDOW_CLOSED' });
    expect(edited()?.text).toBe('hello');
  });

  it('adds and takes back a reaction over the socket, applying the reactions the ack brings', async () => {
    const { socket, store } = await opened();
    const reactions = (userIds: string[]) => (userIds.length ? [{ emoji: '👍', count: userIds.length, userIds }] : []);
    let version = 3;
    socket.reply = (type) => ({
      conversationId: 'd-bo',
      messageId: 'm2',
      version: version++,
      reactions: type === 'reaction.add' ? reactions(['id-bo', ME]) : reactions(['id-bo']),
    });
    const m2 = () => store.getState().conversations['d-bo'].messages?.[1];

    await store.react('d-bo', 'm2', '👍', true);
    expect(m2()?.reactions).toEqual(reactions(['id-bo', ME]));
    await store.react('d-bo', 'm2', '👍', false);
    expect(m2()?.reactions).toEqual(reactions(['id-bo']));

    expect(socket.sent.map((f) => [f.type, f.data])).toEqual([
      ['reaction.add', { conversationId: 'd-bo', messageId: 'm2', emoji: '👍' }],
      ['reaction.remove', { conversationId: 'd-bo', messageId: 'm2', emoji: '👍' }],
    ]);
  });

  it('catches up from the highest number seen, edits and reactions included', async () => {
    const { socket, store, api } = await opened();

    socket.emit('message.updated', {
      message: message('d-bo', 2, 'bo', { text: 'edited', version: 5, editedAt: '2026-01-05T11:00:00Z' }),
    });
    socket.emit('reaction.updated', {
      conversationId: 'd-bo',
      messageId: 'm1',
      version: 7,
      reactions: [{ emoji: '🔥', count: 1, userIds: ['id-bo'] }],
    });
    // Older than what is here: ignored, but no harm to the point either.
    socket.emit('reaction.updated', { conversationId: 'd-bo', messageId: 'm1', version: 6, reactions: [] });
    socket.setStatus('connecting');
    socket.setStatus('open');

    await vi.waitFor(() => expect(api.messages).toHaveBeenCalledTimes(2));
    expect(api.messages.mock.calls[1][1]).toEqual({ afterSeq: 7, limit: 100 });
    const messages = store.getState().conversations['d-bo'].messages ?? [];
    expect(messages.map((m) => [m.id, m.text, m.reactions?.map((r) => r.emoji)])).toEqual([
      ['m1', 'message 1', ['🔥']],
      ['m2', 'edited', []],
    ]);
  });
});
