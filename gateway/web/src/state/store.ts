import { useCallback, useSyncExternalStore } from 'react';

/**
 * A value kept outside React (the chat, the people lists), read with `getState()` and watched with
 * `subscribe()`. Components read it through `useStore`, which is `useSyncExternalStore` with a selector.
 */
export interface Store<S> {
  getState(): S;
  /** Calls `listener` after every change; returns the unsubscriber. */
  subscribe(listener: () => void): () => void;
}

/** The state a store keeps its logic around: `set` replaces it and tells the listeners. */
export interface StateHolder<S> extends Store<S> {
  /** Replaces the state; the listeners hear of it only when `next` is a different value. */
  set(next: S): void;
}

export function createState<S>(initial: S): StateHolder<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      if (Object.is(next, state)) return;
      state = next;
      [...listeners].forEach((listener) => listener());
    },
  };
}

const identity = <T>(value: T) => value;
const noSubscription = () => () => undefined;

/**
 * `select(state)` of `store`, re-rendering when it changes (compared with `Object.is`). The selector must return
 * a part of the state or a primitive, never a new object or array (that would change on every read).
 */
export function useStore<S>(store: Store<S>): S;
export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T;
export function useStore<S, T>(store: Store<S>, select: (state: S) => T = identity as (state: S) => T): T {
  return useOptionalStore(store, select, undefined as T);
}

/** Like `useStore` for a store that may be absent (signed out): `fallback` then. */
export function useOptionalStore<S, T>(store: Store<S> | null, select: (state: S) => T, fallback: T): T {
  const subscribe = useCallback(
    (listener: () => void) => (store ? store.subscribe(listener) : noSubscription()),
    [store],
  );
  const read = () => (store ? select(store.getState()) : fallback);
  return useSyncExternalStore(subscribe, read, read);
}
