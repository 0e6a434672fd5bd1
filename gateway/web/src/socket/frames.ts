/** One WebSocket frame in either direction (see docs/protocol.md). */
export interface Frame<D = unknown> {
  type: string;
  id?: string;
  data?: D;
}

/** Rejection of `socket.send`: the server's `error` frame, or a local TIMEOUT / DISCONNECTED / CLOSED. */
export class SocketError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'SocketError';
    this.code = code;
  }
}

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

export function errorOf(data: unknown): SocketError {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const code = typeof body.code === 'string' ? body.code : 'ERROR';
  return new SocketError(code, typeof body.message === 'string' ? body.message : code);
}
