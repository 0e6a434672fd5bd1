import {
  RETRYABLE_ERRORS,
  type ClientFrameData,
  type ClientFrameType,
  type ServerError,
  type ServerFrameData,
  type ServerFrameType,
} from './protocol';

/** One WebSocket frame in either direction (see docs/protocol.md), as read off the wire: not checked further. */
export interface Frame<D = unknown> {
  type: string;
  id?: string;
  data?: D;
}

/**
 * The client frames the app sends with `socket.send`, each answered by an `ack` (its data: `AckData[T]`) or an
 * `error`. `auth` and `ping` are the socket client's own: it authenticates and pings by itself.
 */
export type SendFrameType = Exclude<ClientFrameType, 'auth' | 'ping'>;

/** A server frame of type `T`, with the data the protocol gives it. */
export interface ServerFrame<T extends ServerFrameType = ServerFrameType> extends Frame<ServerFrameData[T]> {
  type: T;
}

/** A client frame of type `T`, with the data the protocol gives it. */
export interface ClientFrame<T extends ClientFrameType = ClientFrameType> extends Frame<ClientFrameData[T]> {
  type: T;
}

/** The codes of the rejections the client makes up itself; the server never sends them. */
export const LocalErrorCode = {
  /** No `ack` or `error` within the ack timeout: the server may or may not have carried the frame out. */
  TIMEOUT: 'TIMEOUT',
  /** The connection dropped after the frame was written, before its answer: it may or may not have arrived. */
  DISCONNECTED: 'DISCONNECTED',
  /** The client is not connected, or stopped (sign-out, `disconnect()`, a terminal close code): never written. */
  CLOSED: 'CLOSED',
} as const;

export interface SocketErrorOptions {
  /** Whether the same frame may succeed if sent again later (false unless said). */
  retryable?: boolean;
  /** When the server says the frame may be sent again. */
  retryAfterMs?: number;
}

/**
 * Rejection of `socket.send`: the server's `error` frame (`code`, `message`, `retryable`, `retryAfterMs`), or a
 * local TIMEOUT / DISCONNECTED / CLOSED. The local ones are all `retryable`: the frame may have been lost with the
 * connection, or was never written, so the same frame may succeed on this or a later connection. `retryable` says
 * nothing about when: a caller that sends again waits for the socket to be open (and `retryAfterMs`, if any).
 */
export class SocketError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(code: string, message: string, options: SocketErrorOptions = {}) {
    super(message);
    this.name = 'SocketError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A rejection of the client's own (see `LocalErrorCode`): always retryable. */
export const localError = (code: keyof typeof LocalErrorCode, message: string) =>
  new SocketError(LocalErrorCode[code], message, { retryable: true });

export function parseFrame(raw: unknown): Frame | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const frame = value as Record<string, unknown>;
    if (typeof frame.type !== 'string') return null;
    return { type: frame.type, id: typeof frame.id === 'string' ? frame.id : undefined, data: frame.data };
  } catch {
    return null;
  }
}

/**
 * The SocketError of an `error` frame's data (`ServerError`). Read defensively: without `retryable` (a server
 * older than the flag) the code's entry in RETRYABLE_ERRORS decides.
 */
export function errorOf(data: unknown): SocketError {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Partial<Record<keyof ServerError, unknown>>;
  const code = typeof body.code === 'string' ? body.code : 'ERROR';
  const retryable = typeof body.retryable === 'boolean' ? body.retryable : RETRYABLE_ERRORS.has(code);
  const after = body.retryAfterMs;
  const retryAfterMs = typeof after === 'number' && Number.isFinite(after) && after >= 0 ? after : undefined;
  return new SocketError(code, typeof body.message === 'string' ? body.message : code, { retryable, retryAfterMs });
}
