import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { sessionStore, type SessionStore } from '../auth/session';
import { backoffDelay } from './backoff';
import {
  errorOf,
  localError,
  parseFrame,
  SocketError,
  type ClientFrame,
  type Frame,
  type SendFrameType,
  type ServerFrame,
} from './frames';
import {
  closeAction,
  CloseCode,
  FrameType,
  type AckData,
  type AckAuthenticated,
  type ClientFrameData,
  type ServerFrameData,
  type ServerFrameType,
} from './protocol';

export {
  LocalErrorCode,
  SocketError,
  type Frame,
  type SendFrameType,
  type ServerFrame,
  type SocketErrorOptions,
} from './frames';

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
  /** Server closed with a terminal code (4500–4999, e.g. 4500 session ended): the session is over. */
  onTerminal?(): void;
  /** The socket URL, without credentials: the token goes in the first `auth` frame, never in the URL. */
  url?: () => string;
  WebSocket?: WebSocketConstructor;
  random?: () => number;
  /** How long a sent frame, and the `auth` frame of a new connection, may wait for its answer. */
  ackTimeoutMs?: number;
  pingIntervalMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** A connection open this long resets the backoff. */
  stableAfterMs?: number;
}

/**
 * Frames are typed by the generated protocol (`protocol.ts`): `send` takes the data the server expects of the frame
 * type and resolves with its `ack`'s data; `on` hands each handler the data the server sends with that type. The
 * types say what the server promises; nothing is checked at run time, so a store that must survive a malformed
 * frame checks it before use (e.g. `chat/store/frameData.ts`).
 */
export interface ParleySocket {
  connect(): void;
  disconnect(): void;
  /**
   * Sends `{type, id, data}`; resolves with the `ack` frame's data, rejects with a SocketError: the server's
   * `error` (with its `retryable`), or a local TIMEOUT / DISCONNECTED / CLOSED (all retryable).
   */
  send<T extends SendFrameType>(type: T, data: ClientFrameData[T]): Promise<AckData[T]>;
  /** Calls `handler` with each server frame of `type`; returns the unsubscriber. */
  on<T extends ServerFrameType>(
    type: T,
    handler: (data: ServerFrameData[T], frame: ServerFrame<T>) => void,
  ): () => void;
  getStatus(): SocketStatus;
  subscribeStatus(listener: () => void): () => void;
}

/** The latest a re-auth is sent before the connection's token expires (earlier for short-lived tokens). */
const REAUTH_LEAD_MS = 60_000;
const MAX_TIMEOUT_MS = 2_147_483_647;

interface Waiter {
  resolve(data: unknown): void;
  reject(error: SocketError): void;
  timer?: ReturnType<typeof setTimeout>;
}

type Handler = (data: unknown, frame: Frame) => void;

/** The `auth` frame in flight on the current socket: the first one (opens the connection) or a re-auth. */
interface PendingAuth {
  id: string;
  first: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export function createSocket(options: SocketOptions): ParleySocket {
  const Impl = options.WebSocket ?? globalThis.WebSocket;
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
  let seq = 0; // send() ids: f1, f2, …
  let authSeq = 0; // auth frame ids: a1, a2, … (never collide with send()'s)
  let pendingAuth: PendingAuth | null = null;
  let reauthTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let stableTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;

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
    if (!token) return stop(localError('CLOSED', 'Signed out'));
    forceRefresh = false;
    // No token in the URL (it would end up in proxy and access logs): the first frame authenticates.
    let socket: WebSocketLike;
    try {
      socket = new Impl(url());
    } catch {
      // A URL the browser refuses outright: try again later, like any failed attempt.
      return scheduleReconnect();
    }
    ws = socket;
    // An attempt that never opens (blocked before it began, or a silent network) must not leave us
    // 'connecting' for ever: give it as long as an answer, then start over.
    connectTimer = setTimeout(() => socket === ws && abandonAttempt(), ackTimeoutMs);
    socket.onopen = () => {
      if (socket !== ws) return;
      clearTimeout(connectTimer);
      authenticate(token, true);
    };
    socket.onmessage = (event) => socket === ws && onFrame(parseFrame(event.data));
    socket.onclose = (event) => socket === ws && onClose(event.code);
  }

  function abandonAttempt() {
    ws?.close(4000, 'Not opened in time');
    onClose(1006);
  }

  /**
   * Sends an `auth` frame on the current socket. Until the first one is acked the connection stays
   * 'connecting' and nothing else is written (the server would answer UNAUTHENTICATED).
   */
  function authenticate(token: string, first: boolean) {
    const id = `a${++authSeq}`;
    // A re-auth needs no timer: unanswered, the server still closes with 4001 at expiry.
    const timer = first ? setTimeout(rejectConnection, ackTimeoutMs) : undefined;
    pendingAuth = { id, first, timer };
    const frame: ClientFrame<'auth'> = { type: FrameType.AUTH, id, data: { token } };
    ws?.send(JSON.stringify(frame));
  }

  function onAuthAnswer(frame: Frame) {
    const { first, timer } = pendingAuth as PendingAuth;
    pendingAuth = null;
    clearTimeout(timer);
    if (frame.type === FrameType.ERROR) {
      // A refused re-auth changes nothing: the server closes with 4001 at expiry and we reconnect then.
      if (first) rejectConnection();
      return;
    }
    if (first) onAuthenticated();
    scheduleReauth(frame.data);
  }

  // The first auth frame was refused or went unanswered: as if the server had closed with 4002 (token invalid).
  function rejectConnection() {
    ws?.close(1000, 'Not authenticated');
    onClose(CloseCode.TOKEN_INVALID);
  }

  function onAuthenticated() {
    heardSincePing = true;
    pingTimer = setInterval(ping, pingIntervalMs);
    stableTimer = setTimeout(() => (attempt = 0), stableAfterMs);
    // Before the status change, so that frames sent by status listeners go after the queued ones.
    const pendingFrames = queue;
    queue = [];
    pendingFrames.forEach(write);
    setStatus('open');
  }

  /** Re-authenticates in-band before the token expires: min(60 s, half the remaining time) ahead. */
  function scheduleReauth(data: unknown) {
    clearTimeout(reauthTimer);
    const ack = (typeof data === 'object' && data !== null ? data : {}) as Partial<
      Record<keyof AckAuthenticated, unknown>
    >;
    const raw = ack.expiresAt;
    const remaining = (typeof raw === 'string' ? Date.parse(raw) : NaN) - Date.now();
    // Unknown or already past (by our clock): leave it to the server's 4001 and the reconnect.
    if (!(remaining > 0)) return;
    const delay = remaining - Math.min(REAUTH_LEAD_MS, remaining / 2);
    const socket = ws;
    reauthTimer = setTimeout(() => void reauthenticate(socket), Math.min(delay, MAX_TIMEOUT_MS));
  }

  async function reauthenticate(socket: WebSocketLike | null) {
    const current = () => socket !== null && socket === ws && status === 'open' && pendingAuth === null;
    if (!current()) return;
    let token: string | null;
    try {
      token = await options.getToken(true); // a fresh token, with a new expiry
    } catch {
      return;
    }
    if (token && current()) authenticate(token, false);
  }

  function write(frame: Frame) {
    ws?.send(JSON.stringify(frame));
    const waiter = frame.id ? waiting.get(frame.id) : undefined;
    if (!waiter || !frame.id) return;
    const id = frame.id;
    waiter.timer = setTimeout(() => settle(id, localError('TIMEOUT', `No answer to ${frame.type}`)), ackTimeoutMs);
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
    const answer = frame.type === FrameType.ACK || frame.type === FrameType.ERROR;
    if (pendingAuth && frame.id === pendingAuth.id && answer) return onAuthAnswer(frame);
    if (frame.id && waiting.has(frame.id) && answer) {
      return settle(frame.id, frame.type === FrameType.ACK ? { data: frame.data } : errorOf(frame.data));
    }
    handlers.get(frame.type)?.forEach((handler) => handler(frame.data, frame));
  }

  function ping() {
    if (!heardSincePing) return dropDeadConnection();
    heardSincePing = false;
    const frame: ClientFrame<'ping'> = { type: FrameType.PING };
    ws?.send(JSON.stringify(frame));
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
      if (waiter.timer !== undefined) settle(id, localError('DISCONNECTED', 'Connection lost'));
    }
    if (!wanted) return setStatus('closed');
    const action = closeAction(code);
    if (action === 'stop') {
      stop(localError('CLOSED', 'Session ended by the server'));
      options.onTerminal?.();
      return;
    }
    if (action === 'refresh-then-reconnect') forceRefresh = true;
    scheduleReconnect();
  }

  function scheduleReconnect() {
    setStatus('connecting');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => void open(), backoffDelay(attempt++, baseMs, capMs, random));
  }

  function detach() {
    clearTimeout(connectTimer);
    clearInterval(pingTimer);
    clearTimeout(stableTimer);
    clearTimeout(reauthTimer);
    clearTimeout(pendingAuth?.timer);
    pendingAuth = null;
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
    disconnect: () => stop(localError('CLOSED', 'Disconnected')),
    send<T extends SendFrameType>(type: T, data: ClientFrameData[T]): Promise<AckData[T]> {
      if (!wanted) return Promise.reject(localError('CLOSED', 'Not connected'));
      const id = `f${++seq}`;
      const frame: Frame = { type, id, data: data ?? {} };
      return new Promise<AckData[T]>((resolve, reject) => {
        // The ack's data is taken to be what the protocol says it is (see ParleySocket).
        waiting.set(id, { resolve, reject });
        if (status === 'open') write(frame);
        else queue.push(frame);
      });
    },
    on<T extends ServerFrameType>(type: T, handler: (data: ServerFrameData[T], frame: ServerFrame<T>) => void) {
      const set = handlers.get(type) ?? new Set<Handler>();
      handlers.set(type, set);
      // Frames are dispatched by their type, so this handler only ever gets frames of type T.
      const untyped = handler as Handler;
      set.add(untyped);
      return () => void set.delete(untyped);
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
