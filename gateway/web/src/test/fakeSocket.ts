import { act } from '@testing-library/react';
import type { ClientFrameData, ServerFrameData, ServerFrameType } from '../socket/protocol';
import type { Frame, ParleySocket, SendFrameType, ServerFrame, SocketStatus } from '../socket/socket';

/** A frame the app sent with `send`: its type and the data the protocol gives that type. */
export type SentFrame = { [T in SendFrameType]: { type: T; data: ClientFrameData[T] } }[SendFrameType];

export interface FakeSocket extends ParleySocket {
  /** Delivers a server frame to the handlers of `type` (inside `act`), with the data the protocol gives it. */
  emit<T extends ServerFrameType>(type: T, data: ServerFrameData[T]): void;
  /** Delivers a frame whatever its data, e.g. a malformed one the app must drop. */
  emitRaw(type: string, data: unknown): void;
  /** Changes the connection status (inside `act`), e.g. to simulate a reconnect. */
  setStatus(status: SocketStatus): void;
  /** Frames the app sent with `send`. */
  sent: SentFrame[];
  /** The data of the frames of `type` the app sent, in order. */
  sentData<T extends SendFrameType>(type: T): ClientFrameData[T][];
  /**
   * Answers each `send`: what it returns (or resolves with) is the ack's data, what it throws (or rejects
   * with) the error. By default every frame is acked with undefined. Left untyped, so that a test can answer
   * oddly (the app must cope with an ack that lacks fields).
   */
  reply: (type: SendFrameType, data: unknown) => unknown;
  /** How many handlers are registered for `type`. */
  listeners(type: ServerFrameType): number;
}

type Handler = (data: unknown, frame: Frame) => void;

/** A socket whose server is the test: no network, frames are pushed with `emit`. */
export function createFakeSocket(initial: SocketStatus = 'open'): FakeSocket {
  const handlers = new Map<string, Set<Handler>>();
  const statusListeners = new Set<() => void>();
  let status = initial;
  const sent: SentFrame[] = [];
  const deliver = (type: string, data: unknown) =>
    act(() => [...(handlers.get(type) ?? [])].forEach((h) => h(data, { type, data })));
  const fake: FakeSocket = {
    sent,
    sentData: <T extends SendFrameType>(type: T) =>
      sent.filter((f) => f.type === type).map((f) => f.data as ClientFrameData[T]),
    reply: () => undefined,
    connect() {},
    disconnect() {},
    send(type, data) {
      sent.push({ type, data } as SentFrame);
      // Whatever the test answers stands for the ack's data.
      return new Promise((resolve) => resolve(fake.reply(type, data) as never));
    },
    on<T extends ServerFrameType>(type: T, handler: (data: ServerFrameData[T], frame: ServerFrame<T>) => void) {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      const h = handler as Handler;
      set.add(h);
      return () => void set.delete(h);
    },
    getStatus: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    emit: (type, data) => deliver(type, data),
    emitRaw: deliver,
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
