import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from './backoff';
import { createSocket, SocketError, type ParleySocket, type SocketOptions, type WebSocketLike } from './socket';

class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  readonly sent: string[] = [];
  closedWith: number | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string) {
    this.sent.push(data);
  }

  close(code?: number) {
    this.closedWith = code;
  }

  // What the server does:
  accept() {
    this.onopen?.(new Event('open'));
  }

  receive(frame: object) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  drop(code = 1006) {
    this.onclose?.(new CloseEvent('close', { code }));
  }

  get frames(): { type: string; id?: string; data?: unknown }[] {
    return this.sent.map((s) => JSON.parse(s));
  }
}

const latest = () => FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Sends without awaiting; the outcome does not matter to the test (disconnect rejects it at the end). */
const fire = (data: object) => void client.send('typing', data).catch(() => undefined);

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
  it('connects with the access token in the query string', async () => {
    const ws = await connect();
    expect(ws.url).toBe('ws://parley.test/ws?access_token=token');
    expect(client.getStatus()).toBe('connecting');
    ws.accept();
    expect(client.getStatus()).toBe('open');
  });

  it('resolves and rejects each send by the id of its ack or error frame', async () => {
    const ws = await connectOpen();

    const sent = client.send('message.send', { conversationId: 'c1', text: 'hi' });
    const typing = client.send('typing', { conversationId: 'c2', active: true });
    const [first, second] = ws.frames;
    expect(first).toEqual({ type: 'message.send', id: 'f1', data: { conversationId: 'c1', text: 'hi' } });
    expect(second.id).toBe('f2');

    ws.receive({ type: 'error', id: 'f2', data: { code: 'NOT_A_MEMBER', message: 'Not a member' } });
    ws.receive({ type: 'ack', id: 'f1', data: { messageId: 'm1' } });

    await expect(sent).resolves.toEqual({ messageId: 'm1' });
    const error = await typing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocketError);
    expect((error as SocketError).code).toBe('NOT_A_MEMBER');
  });

  it('rejects a send that gets no answer within the timeout', async () => {
    await connectOpen({ ackTimeoutMs: 10_000 });
    const sent = client.send('read', { conversationId: 'c1', messageId: 'm1' });
    const outcome = sent.catch((e: SocketError) => e.code);

    await vi.advanceTimersByTimeAsync(9_999);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('TIMEOUT');
  });

  it('queues frames while not open and flushes them in order on open', async () => {
    const ws = await connect();
    fire({ n: 1 });
    fire({ n: 2 });
    fire({ n: 3 });
    expect(ws.sent).toHaveLength(0);

    ws.accept();

    expect(ws.frames.map((f) => f.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(ws.frames.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
  });

  it('keeps frames sent during a reconnect for the next connection', async () => {
    const first = await connectOpen();
    first.drop();
    fire({ n: 1 });
    await vi.advanceTimersByTimeAsync(30_000);

    const second = latest();
    expect(second).not.toBe(first);
    second.accept();
    expect(second.frames.map((f) => f.data)).toEqual([{ n: 1 }]);
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

  it('fetches a fresh token before reconnecting after close code 4001', async () => {
    const ws = await connectOpen();
    ws.drop(4001);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(getToken).toHaveBeenLastCalledWith(true);
    expect(latest().url).toBe('ws://parley.test/ws?access_token=fresh-token');
  });

  it('stops for good on close code 4003 and reports it', async () => {
    const onTerminal = vi.fn();
    const ws = await connectOpen({ onTerminal });
    const pending = client.send('typing', {}).catch((e: SocketError) => e.code);

    ws.drop(4003);
    await vi.advanceTimersByTimeAsync(60_000);

    expect(onTerminal).toHaveBeenCalledTimes(1);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(client.getStatus()).toBe('closed');
    expect(await pending).toBe('DISCONNECTED');
  });

  it('pings every 25 s and reconnects when no pong comes back', async () => {
    const ws = await connectOpen();

    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.frames).toEqual([{ type: 'ping' }]);
    ws.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.frames).toHaveLength(2);

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
    await expect(client.send('typing', {})).rejects.toMatchObject({ code: 'CLOSED' });
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

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt))', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      expect(backoffDelay(attempt, 500, 30_000, () => 0)).toBe(0);
      expect(backoffDelay(attempt, 500, 30_000, () => 0.999999)).toBeLessThan(ceiling);
    }
  });
});
