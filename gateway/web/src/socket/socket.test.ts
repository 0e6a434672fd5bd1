import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from './backoff';
import type { AckMessageSent } from './protocol';
import { createSocket, SocketError, type ParleySocket, type SocketOptions, type WebSocketLike } from './socket';

class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  readonly sent: string[] = [];
  /** Answers every ping with a pong at once. */
  autoPong = false;
  closedWith: number | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string) {
    this.sent.push(data);
    if (this.autoPong && (JSON.parse(data) as { type: string }).type === 'ping') this.receive({ type: 'pong' });
  }

  close(code?: number) {
    this.closedWith = code;
  }

  // What the server does:
  open() {
    this.onopen?.(new Event('open'));
  }

  /** Opens and acks the auth frame: the connection is then authenticated until `expiresInMs` from now. */
  accept(expiresInMs = TOKEN_LIFETIME_MS) {
    this.open();
    this.ackAuth(expiresInMs);
  }

  /** Acks the latest auth frame with an expiry `expiresInMs` from now. */
  ackAuth(expiresInMs = TOKEN_LIFETIME_MS) {
    const auth = this.authFrames.at(-1);
    if (!auth) throw new Error('No auth frame to ack');
    const expiresAt = new Date(Date.now() + expiresInMs).toISOString();
    this.receive({ type: 'ack', id: auth.id, data: { userId: 'u1', expiresAt } });
  }

  receive(frame: object) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  drop(code = 1006) {
    this.onclose?.(new CloseEvent('close', { code }));
  }

  get frames(): { type: string; id?: string; data?: unknown }[] {
    return this.sent.map((s) => JSON.parse(s) as { type: string; id?: string; data?: unknown });
  }

  get authFrames() {
    return this.frames.filter((f) => f.type === 'auth');
  }

  /** Every frame but the auth ones. */
  get appFrames() {
    return this.frames.filter((f) => f.type !== 'auth');
  }
}

const TOKEN_LIFETIME_MS = 15 * 60_000;

const latest = () => FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
const settle = () => vi.advanceTimersByTimeAsync(0);
/** The data of a `typing` frame, told apart by `n`. */
const typingIn = (n: number) => ({ conversationId: `c${n}`, active: true });
/** Sends `typing` without awaiting; the outcome does not matter to the test (disconnect rejects it at the end). */
const fire = (n: number) => void client.send('typing', typingIn(n)).catch(() => undefined);

let client: ParleySocket;
let getToken: ReturnType<typeof vi.fn<SocketOptions['getToken']>>;

async function connect(options: Partial<SocketOptions> = {}) {
  getToken = vi.fn<SocketOptions['getToken']>(async (force) => (force ? 'fresh-token' : 'token'));
  client = createSocket({
    getToken,
    url: () => 'ws://parley.test/ws',
    WebSocket: FakeWebSocket,
    random: () => 0.99,
    ...options,
  });
  client.connect();
  await settle();
  return latest();
}

async function connectOpen(options: Partial<SocketOptions> = {}) {
  const ws = await connect(options);
  ws.accept();
  return ws;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.instances = [];
});

afterEach(() => {
  client.disconnect();
  vi.useRealTimers();
});

describe('socket client', () => {
  it('opens the socket without a token in the URL', async () => {
    const ws = await connect();
    expect(getToken).toHaveBeenCalledWith(false);
    expect(ws.url).toBe('ws://parley.test/ws');
    expect(ws.sent).toHaveLength(0);
  });

  it('authenticates with a first auth frame and is open only once it is acked', async () => {
    const ws = await connect();
    expect(client.getStatus()).toBe('connecting');

    ws.open();
    expect(ws.frames).toEqual([{ type: 'auth', id: 'a1', data: { token: 'token' } }]);
    expect(client.getStatus()).toBe('connecting');

    ws.ackAuth();
    expect(client.getStatus()).toBe('open');
  });

  it('does not hand the auth answer to subscribers of ack or error frames', async () => {
    const handler = vi.fn();
    await connect();
    client.on('ack', handler);
    client.on('error', handler);
    latest().accept();

    expect(client.getStatus()).toBe('open');
    expect(handler).not.toHaveBeenCalled();
  });

  it('resolves and rejects each send by the id of its ack or error frame', async () => {
    const ws = await connectOpen();

    const sent = client.send('message.send', { conversationId: 'c1', clientMessageId: 'k1', text: 'hi' });
    const typing = client.send('typing', { conversationId: 'c2', active: true });
    const [first, second] = ws.appFrames;
    expect(first).toEqual({
      type: 'message.send',
      id: 'f1',
      data: { conversationId: 'c1', clientMessageId: 'k1', text: 'hi' },
    });
    expect(second.id).toBe('f2');

    ws.receive({ type: 'error', id: 'f2', data: { code: 'NOT_A_MEMBER', message: 'Not a member' } });
    ws.receive({ type: 'ack', id: 'f1', data: { messageId: 'm1' } });

    await expect(sent).resolves.toEqual({ messageId: 'm1' });
    const error = await typing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketError);
    expect((error as SocketError).code).toBe('NOT_A_MEMBER');
  });

  it('rejects with the retryable flag and retryAfterMs of the error frame', async () => {
    const ws = await connectOpen();
    const limited = client.send('typing', typingIn(1)).catch((e: unknown) => e);
    const refused = client.send('typing', typingIn(2)).catch((e: unknown) => e);

    ws.receive({
      type: 'error',
      id: 'f1',
      data: { code: 'RATE_LIMITED', message: 'Slow down', retryable: true, retryAfterMs: 740 },
    });
    ws.receive({ type: 'error', id: 'f2', data: { code: 'NOT_A_MEMBER', message: 'Not a member', retryable: false } });

    expect(await limited).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Slow down',
      retryable: true,
      retryAfterMs: 740,
    });
    expect(await refused).toMatchObject({ code: 'NOT_A_MEMBER', retryable: false });
    expect(((await refused) as SocketError).retryAfterMs).toBeUndefined();
  });

  it('takes retryable from RETRYABLE_ERRORS when an error frame lacks the flag', async () => {
    const ws = await connectOpen();
    const unavailable = client.send('typing', typingIn(1)).catch((e: SocketError) => e.retryable);
    const blocked = client.send('typing', typingIn(2)).catch((e: SocketError) => e.retryable);

    ws.receive({ type: 'error', id: 'f1', data: { code: 'UNAVAILABLE', message: 'Try again' } });
    ws.receive({ type: 'error', id: 'f2', data: { code: 'BLOCKED', message: 'Blocked' } });

    expect(await unavailable).toBe(true);
    expect(await blocked).toBe(false);
  });

  it('rejects a send that gets no answer within the timeout, as retryable', async () => {
    await connectOpen({ ackTimeoutMs: 10_000 });
    const sent = client.send('read', { conversationId: 'c1', messageId: 'm1' });
    const outcome = sent.catch((e: SocketError) => [e.code, e.retryable]);

    await vi.advanceTimersByTimeAsync(9_999);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual(['TIMEOUT', true]);
  });

  it('queues frames until the auth ack, then writes them after the auth frame in order', async () => {
    const ws = await connect();
    fire(1);
    fire(2);
    expect(ws.sent).toHaveLength(0);
    ws.open();
    fire(3);
    expect(ws.frames.map((f) => f.type)).toEqual(['auth']);
    // A listener that sends as soon as the socket is open goes after what was queued.
    client.subscribeStatus(() => client.getStatus() === 'open' && fire(4));

    ws.ackAuth();

    expect(ws.frames.map((f) => f.id)).toEqual(['a1', 'f1', 'f2', 'f3', 'f4']);
    expect(ws.appFrames.map((f) => f.data)).toEqual([typingIn(1), typingIn(2), typingIn(3), typingIn(4)]);
  });

  it('reconnects with a forced fresh token when the auth frame gets an error', async () => {
    const ws = await connect();
    fire(1);
    ws.open();
    ws.receive({ type: 'error', id: 'a1', data: { code: 'UNAUTHENTICATED', message: 'Token expired' } });

    expect(ws.closedWith).toBeDefined();
    expect(ws.appFrames).toHaveLength(0);
    expect(client.getStatus()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1_000);

    expect(getToken).toHaveBeenLastCalledWith(true);
    const second = latest();
    expect(second).not.toBe(ws);
    expect(second.url).toBe('ws://parley.test/ws');
    second.open();
    expect(second.frames).toEqual([{ type: 'auth', id: 'a2', data: { token: 'fresh-token' } }]);
    second.ackAuth();
    expect(second.appFrames.map((f) => f.data)).toEqual([typingIn(1)]);
  });

  it('reconnects with a forced fresh token when the auth frame goes unanswered', async () => {
    const ws = await connect({ ackTimeoutMs: 10_000 });
    ws.open();

    await vi.advanceTimersByTimeAsync(9_999);
    expect(ws.closedWith).toBeUndefined();
    expect(client.getStatus()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.closedWith).toBeDefined();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(getToken).toHaveBeenLastCalledWith(true);
  });

  it('abandons an attempt that never opens and tries again, without a new token', async () => {
    const ws = await connect({ ackTimeoutMs: 10_000 });

    await vi.advanceTimersByTimeAsync(9_999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.closedWith).toBe(4000);
    expect(client.getStatus()).toBe('connecting');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(getToken).not.toHaveBeenCalledWith(true);
    latest().accept();
    expect(client.getStatus()).toBe('open');
  });

  it('re-authenticates on the same socket with a fresh token before the token expires', async () => {
    const ws = await connect({ pingIntervalMs: 3_600_000 });
    ws.accept(15 * 60_000);

    // 60 s before expiry
    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1);
    expect(ws.authFrames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(getToken).toHaveBeenLastCalledWith(true);
    expect(ws.authFrames).toEqual([
      { type: 'auth', id: 'a1', data: { token: 'token' } },
      { type: 'auth', id: 'a2', data: { token: 'fresh-token' } },
    ]);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.getStatus()).toBe('open');

    // The next one is scheduled from the new expiry: half of a 90 s lifetime ahead of it.
    ws.ackAuth(90_000);
    await vi.advanceTimersByTimeAsync(44_999);
    expect(ws.authFrames).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ws.authFrames).toHaveLength(3);
    expect(ws.authFrames[2].id).toBe('a3');
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(ws.closedWith).toBeUndefined();
  });

  it('keeps one ping timer across re-auths', async () => {
    const ws = await connect({ pingIntervalMs: 25_000 });
    ws.autoPong = true;
    ws.accept(2 * 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    ws.ackAuth(2 * 60_000);

    await vi.advanceTimersByTimeAsync(40_000);

    expect(ws.authFrames).toHaveLength(2);
    expect(ws.appFrames.filter((f) => f.type === 'ping')).toHaveLength(4); // at 25, 50, 75 and 100 s
  });

  it('sends no re-auth once its connection has gone while the fresh token was fetched', async () => {
    let release: (token: string) => void = () => undefined;
    const first = await connect({ pingIntervalMs: 3_600_000 });
    getToken.mockImplementation((force) =>
      force ? new Promise((resolve) => (release = resolve)) : Promise.resolve('token'),
    );
    first.accept(2 * 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(getToken).toHaveBeenLastCalledWith(true);

    first.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    const second = latest();
    second.accept();
    release('fresh-token');
    await settle();

    expect(first.authFrames).toHaveLength(1);
    expect(second.authFrames).toEqual([{ type: 'auth', id: 'a2', data: { token: 'token' } }]);
  });

  it('keeps the connection when a re-auth is refused, and tries no other until the server closes it', async () => {
    const handler = vi.fn();
    const ws = await connect({ pingIntervalMs: 3_600_000 });
    client.on('error', handler);
    ws.accept(2 * 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ws.authFrames).toHaveLength(2);

    ws.receive({ type: 'error', id: 'a2', data: { code: 'FORBIDDEN', message: 'Another user' } });
    await vi.advanceTimersByTimeAsync(10 * 60_000);

    expect(handler).not.toHaveBeenCalled();
    expect(ws.closedWith).toBeUndefined();
    expect(client.getStatus()).toBe('open');
    expect(ws.authFrames).toHaveLength(2);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('skips the re-auth when no fresh token can be had', async () => {
    const ws = await connect({ pingIntervalMs: 3_600_000 });
    getToken.mockRejectedValue(new Error('offline'));
    ws.accept(2 * 60_000);

    await vi.advanceTimersByTimeAsync(60_000);

    expect(getToken).toHaveBeenLastCalledWith(true);
    expect(ws.authFrames).toHaveLength(1);
    expect(client.getStatus()).toBe('open');
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('schedules no re-auth for a connection that has dropped', async () => {
    const first = await connect({ pingIntervalMs: 3_600_000 });
    first.accept(2 * 60_000);
    await vi.advanceTimersByTimeAsync(30_000);
    first.drop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(60_000); // past when the first connection's re-auth was due

    expect(getToken).not.toHaveBeenCalledWith(true);
    expect(first.authFrames).toHaveLength(1);
  });

  it('keeps frames sent during a reconnect for the next connection', async () => {
    const first = await connectOpen();
    first.drop();
    fire(1);
    await vi.advanceTimersByTimeAsync(30_000);

    const second = latest();
    expect(second).not.toBe(first);
    second.accept();
    expect(second.appFrames.map((f) => f.data)).toEqual([typingIn(1)]);
  });

  it('waits longer after each failed attempt, never past the cap', async () => {
    await connect({ backoffBaseMs: 500, backoffCapMs: 30_000 });
    const delays: number[] = [];

    for (let attempt = 0; attempt < 9; attempt++) {
      const count = FakeWebSocket.instances.length;
      const droppedAt = Date.now();
      latest().drop();
      await vi.advanceTimersToNextTimerAsync(); // the reconnect timer is the only one pending
      await settle();
      expect(FakeWebSocket.instances).toHaveLength(count + 1);
      delays.push(Date.now() - droppedAt);
    }

    // random() = 0.99 of min(cap, 500 * 2^n)
    expect(delays).toEqual([495, 990, 1980, 3960, 7920, 15840, 29700, 29700, 29700]);
    expect(client.getStatus()).toBe('connecting');
  });

  it('starts the backoff over after a connection has been stable', async () => {
    await connect({ stableAfterMs: 10_000 });
    for (let i = 0; i < 4; i++) {
      latest().drop();
      await vi.advanceTimersByTimeAsync(30_000);
    }
    latest().accept();
    await vi.advanceTimersByTimeAsync(10_000);
    const count = FakeWebSocket.instances.length;

    latest().drop();
    await vi.advanceTimersByTimeAsync(494);
    expect(FakeWebSocket.instances).toHaveLength(count);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.instances).toHaveLength(count + 1);
  });

  it.each([4001, 4002])('fetches a fresh token before reconnecting after close code %i', async (code) => {
    const ws = await connectOpen();
    ws.drop(code);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(getToken).toHaveBeenLastCalledWith(true);
    const second = latest();
    expect(second).not.toBe(ws);
    expect(second.url).toBe('ws://parley.test/ws');
    second.open();
    expect(second.frames).toEqual([{ type: 'auth', id: 'a2', data: { token: 'fresh-token' } }]);
  });

  it('reconnects without a new token after a retryable code of its own range', async () => {
    const ws = await connectOpen();
    ws.drop(4009);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(getToken).not.toHaveBeenLastCalledWith(true);
    expect(latest()).not.toBe(ws);
  });

  it.each([4500, 4999])('stops for good on the terminal close code %i and reports it', async (code) => {
    const onTerminal = vi.fn();
    const ws = await connectOpen({ onTerminal });
    const pending = client.send('typing', typingIn(1)).catch((e: SocketError) => [e.code, e.retryable]);

    ws.drop(code);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(onTerminal).toHaveBeenCalledTimes(1);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.getStatus()).toBe('closed');
    expect(await pending).toEqual(['DISCONNECTED', true]);
  });

  it('pings every 25 s and reconnects when no pong comes back', async () => {
    const ws = await connectOpen();

    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.appFrames).toEqual([{ type: 'ping' }]);
    ws.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.appFrames).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(25_000); // the second ping went unanswered
    expect(client.getStatus()).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('delivers server events to subscribers until they unsubscribe', async () => {
    const ws = await connectOpen();
    const handler = vi.fn();
    const off = client.on('message.new', handler);

    ws.receive({ type: 'message.new', data: { message: { id: 'm1' } } });
    off();
    ws.receive({ type: 'message.new', data: { message: { id: 'm2' } } });

    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0]).toEqual({ message: { id: 'm1' } });
  });

  it('does not connect without a token and rejects sends after disconnect', async () => {
    const ws = await connect({ getToken: async () => null });
    expect(ws).toBeUndefined();
    expect(client.getStatus()).toBe('closed');
    await expect(client.send('typing', typingIn(1))).rejects.toMatchObject({ code: 'CLOSED', retryable: true });
  });

  it('notifies status subscribers and closes the socket on disconnect', async () => {
    const seen: string[] = [];
    const ws = await connect();
    client.subscribeStatus(() => seen.push(client.getStatus()));
    ws.accept();
    client.disconnect();

    expect(seen).toEqual(['open', 'closed']);
    expect(ws.closedWith).toBe(1000);
  });
});

describe('socket client types', () => {
  // Compiled by `tsc -b` (npm run build), never run: each @ts-expect-error fails the build if the line compiles.
  it('checks frame names and data against the generated protocol', () => {
    const typed = (socket: ParleySocket) => {
      const acked: Promise<AckMessageSent> = socket.send('message.send', {
        conversationId: 'c1',
        clientMessageId: 'k1',
      });
      void acked;
      // @ts-expect-error: no such frame
      void socket.send('message.sned', { conversationId: 'c1', clientMessageId: 'k1' });
      // @ts-expect-error: message.send needs a clientMessageId
      void socket.send('message.send', { conversationId: 'c1', text: 'hi' });
      // @ts-expect-error: the client sends auth and ping itself
      void socket.send('auth', { token: 'token' });
      // @ts-expect-error: a server frame
      void socket.send('message.new', { message: {} });
      socket.on('typing', (data) => {
        const who: string = data.userId;
        // @ts-expect-error: a typing frame has no `user`
        void data.user;
        void who;
      });
      // @ts-expect-error: no such server frame
      socket.on('call.incomming', () => undefined);
    };
    expect(typed).toBeTypeOf('function');
  });
});

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt))', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      expect(backoffDelay(attempt, 500, 30_000, () => 0)).toBe(0);
      expect(backoffDelay(attempt, 500, 30_000, () => 0.999999)).toBeLessThan(ceiling);
    }
  });
});
