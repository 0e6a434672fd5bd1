import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { sessionStore, type SessionStore } from '../auth/session';
import { backoffDelay } from './backoff';
import { errorOf, parseFrame, SocketError, type Frame } from './frames';

export { SocketError, type Frame } from './frames';

export type SocketStatus = 'connecting' | 'open' | 'closed';

/** The part of the browser WebSocket the client uses; tests inject a fake. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface SocketOptions {
  /** A valid access token (refreshed first if near expiry, or always when `force`); null when signed out. */
  getToken(force: boolean): Promise<string | null>;
  /** Server closed with 4003: the session is over. */
  onTerminal?(): void;
  url?: () => string;
  WebSocket?: WebSocketConstructor;
  random?: () => number;
  ackTimeoutMs?: number;
  pingIntervalMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** A connection open this long resets the backoff. */
  stableAfterMs?: number;
}

export interface ParleySocket {
  connect(): void;
  disconnect(): void;
  /** Sends `{type, id, data}`; resolves with the `ack` frame's data, rejects with a SocketError. */
  send<T = unknown>(type: string, data?: unknown): Promise<T>;
  on<D = unknown>(type: string, handler: (data: D, frame: Frame<D>) => void): () => void;
  getStatus(): SocketStatus;
  subscribeStatus(listener: () => void): () => void;
}

export const CLOSE_TOKEN_REJECTED = 4001;
export const CLOSE_TERMINAL = 4003;

interface Waiter {
  resolve(data: unknown): void;
  reject(error: SocketError): void;
  timer?: ReturnType<typeof setTimeout>;
}

type Handler = (data: unknown, frame: Frame) => void;

export function createSocket(options: SocketOptions): ParleySocket {
  const Impl = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor);
  const url = options.url ?? defaultUrl;
  const random = options.random ?? Math.random;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const pingIntervalMs = options.pingIntervalMs ?? 25_000;
  const baseMs = options.backoffBaseMs ?? 500;
  const capMs = options.backoffCapMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 10_000;

  const handlers = new Map<string, Set<Handler>>();
  const statusListeners = new Set<() => void>();
  const waiting = new Map<string, Waiter>(); // every frame with an id, until ack / error / failure
  let queue: Frame[] = []; // frames not yet written, in send order
  let ws: WebSocketLike | null = null;
  let status: SocketStatus = 'closed';
  let wanted = false;
  let generation = 0; // bumps on disconnect so a stale async open() gives up
  let attempt = 0;
  let forceRefresh = false;
  let heardSincePing = true;
  let seq = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let stableTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  function setStatus(next: SocketStatus) {
    if (status === next) return;
    status = next;
    [...statusListeners].forEach((l) => l());
  }

  async function open() {
    const gen = ++generation;
    setStatus('connecting');
    let token: string | null;
    try {
      token = await options.getToken(forceRefresh);
    } catch {
      // Offline or auth down; a rejected refresh has already signed out, which stops us via disconnect().
      if (gen === generation && wanted) scheduleReconnect();
      return;
    }
    if (gen !== generation || !wanted) return;
    if (!token) return stop(new SocketError('CLOSED', 'Signed out'));
    forceRefresh = false;
    const socket = new Impl(`${url()}?access_token=${encodeURIComponent(token)}`);
    ws = socket;
    socket.onopen = () => socket === ws && onOpen();
    socket.onmessage = (event) => socket === ws && onFrame(parseFrame(event.data));
    socket.onclose = (event) => socket === ws && onClose(event.code);
  }

  function onOpen() {
    setStatus('open');
    heardSincePing = true;
    pingTimer = setInterval(ping, pingIntervalMs);
    stableTimer = setTimeout(() => (attempt = 0), stableAfterMs);
    const pendingFrames = queue;
    queue = [];
    pendingFrames.forEach(write);
  }

  function write(frame: Frame) {
    ws?.send(JSON.stringify(frame));
    const waiter = frame.id ? waiting.get(frame.id) : undefined;
    if (!waiter || !frame.id) return;
    const id = frame.id;
    waiter.timer = setTimeout(() => settle(id, new SocketError('TIMEOUT', `No answer to ${frame.type}`)), ackTimeoutMs);
  }

  function settle(id: string, result: SocketError | { data: unknown }) {
    const waiter = waiting.get(id);
    if (!waiter) return;
    waiting.delete(id);
    clearTimeout(waiter.timer);
    if (result instanceof SocketError) waiter.reject(result);
    else waiter.resolve(result.data);
  }

  function onFrame(frame: Frame | null) {
    heardSincePing = true;
    if (!frame) return;
    if (frame.id && waiting.has(frame.id) && (frame.type === 'ack' || frame.type === 'error')) {
      return settle(frame.id, frame.type === 'ack' ? { data: frame.data } : errorOf(frame.data));
    }
    handlers.get(frame.type)?.forEach((handler) => handler(frame.data, frame));
  }

  function ping() {
    if (!heardSincePing) return dropDeadConnection();
    heardSincePing = false;
    ws?.send(JSON.stringify({ type: 'ping' }));
  }

  // Nothing heard for a whole ping interval: the TCP connection is likely gone without a close frame.
  function dropDeadConnection() {
    ws?.close(4000, 'No pong');
    onClose(1006);
  }

  function onClose(code: number) {
    detach();
    // Written but unanswered frames may or may not have reached the server; the caller decides.
    for (const [id, waiter] of waiting) {
      if (waiter.timer !== undefined) settle(id, new SocketError('DISCONNECTED', 'Connection lost'));
    }
    if (!wanted) return setStatus('closed');
    if (code === CLOSE_TERMINAL) {
      stop(new SocketError('CLOSED', 'Session ended by the server'));
      options.onTerminal?.();
      return;
    }
    if (code === CLOSE_TOKEN_REJECTED) forceRefresh = true;
    scheduleReconnect();
  }

  function scheduleReconnect() {
    setStatus('connecting');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => void open(), backoffDelay(attempt++, baseMs, capMs, random));
  }

  function detach() {
    clearInterval(pingTimer);
    clearTimeout(stableTimer);
    if (ws) ws.onopen = ws.onmessage = ws.onclose = null;
    ws = null;
  }

  function stop(reason: SocketError) {
    wanted = false;
    generation++;
    clearTimeout(reconnectTimer);
    const current = ws;
    detach();
    current?.close(1000, 'Client closed');
    queue = [];
    [...waiting.keys()].forEach((id) => settle(id, reason));
    setStatus('closed');
  }

  return {
    connect() {
      if (wanted) return;
      wanted = true;
      attempt = 0;
      void open();
    },
    disconnect: () => stop(new SocketError('CLOSED', 'Disconnected')),
    send<T>(type: string, data?: unknown): Promise<T> {
      if (!wanted) return Promise.reject(new SocketError('CLOSED', 'Not connected'));
      const frame: Frame = { type, id: `f${++seq}`, data: data ?? {} };
      return new Promise<T>((resolve, reject) => {
        waiting.set(frame.id as string, { resolve: resolve as (d: unknown) => void, reject });
        if (status === 'open') write(frame);
        else queue.push(frame);
      });
    },
    on<D>(type: string, handler: (data: D, frame: Frame<D>) => void) {
      const set = handlers.get(type) ?? new Set<Handler>();
      handlers.set(type, set);
      set.add(handler as Handler);
      return () => void set.delete(handler as Handler);
    },
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
  };
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws`;
}

/** The app's one WebSocket client. */
export const socket = createSocket({
  getToken: (force) => api.accessToken(force),
  onTerminal: () => sessionStore.expire(),
});

/** Connects while signed in, disconnects on sign-out. Returns the unbinding function. */
export function bindSocketToSession(target: ParleySocket = socket, store: SessionStore = sessionStore): () => void {
  const sync = () => (store.get() ? target.connect() : target.disconnect());
  sync();
  return store.subscribe(sync);
}

export function useSocketStatus(target: ParleySocket = socket): SocketStatus {
  return useSyncExternalStore(target.subscribeStatus, target.getStatus);
}
