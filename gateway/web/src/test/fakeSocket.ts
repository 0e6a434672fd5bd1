import { act } from '@testing-library/react';
import type { Frame, ParleySocket, SocketStatus } from '../socket/socket';

export interface FakeSocket extends ParleySocket {
  /** Delivers a server frame to the handlers of `type` (inside `act`). */
  emit(type: string, data: unknown): void;
  /** Changes the connection status (inside `act`), e.g. to simulate a reconnect. */
  setStatus(status: SocketStatus): void;
  /** Frames the app sent with `send`. */
  sent: Frame[];
  /**
   * Answers each `send`: what it returns (or resolves with) is the ack's data, what it throws (or rejects
   * with) the error. By default every frame is acked with undefined.
   */
  reply: (type: string, data: unknown) => unknown;
  /** How many handlers are registered for `type`. */
  listeners(type: string): number;
}

/** A socket whose server is the test: no network, frames are pushed with `emit`. */
export function createFakeSocket(initial: SocketStatus = 'open'): FakeSocket {
  const handlers = new Map<string, Set<(data: unknown, frame: Frame) => void>>();
  const statusListeners = new Set<() => void>();
  let status = initial;
  const sent: Frame[] = [];
  const fake: FakeSocket = {
    sent,
    reply: () => undefined,
    connect() {},
    disconnect() {},
    send<T>(type: string, data?: unknown) {
      sent.push({ type, data });
      return new Promise<T>((resolve) => resolve(fake.reply(type, data) as T));
    },
    on<D>(type: string, handler: (data: D, frame: Frame<D>) => void) {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      const h = handler as (data: unknown, frame: Frame) => void;
      set.add(h);
      return () => void set.delete(h);
    },
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    emit(type, data) {
      act(() => [...(handlers.get(type) ?? [])].forEach((h) => h(data, { type, data })));
    },
    setStatus(next) {
      act(() => {
        status = next;
        [...statusListeners].forEach((l) => l());
      });
    },
    listeners: (type) => handlers.get(type)?.size ?? 0,
  };
  return fake;
}
