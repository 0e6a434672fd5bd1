import { ApiError } from '../api/errors';
import { isMediaPath } from './types';

/** `unavailable`: deleted, or no longer shared with me (404/403); `failed`: anything else (try again later). */
export type MediaFailure = 'unavailable' | 'failed';

/** One URL as the cache holds it; a new object on every change, so it can be a `useSyncExternalStore` snapshot. */
export type MediaEntry =
  { status: 'loading' } | { status: 'ready'; src: string; bytes: number } | { status: 'error'; failure: MediaFailure };

export class MediaLoadError extends Error {
  readonly failure: MediaFailure;
  constructor(failure: MediaFailure) {
    super(failure === 'unavailable' ? 'This file is no longer available.' : 'The file could not be loaded.');
    this.name = 'MediaLoadError';
    this.failure = failure;
  }
}

export interface MediaCacheOptions {
  fetchBlob(url: string): Promise<Blob>;
  /** Entries kept (default 300). */
  maxEntries?: number;
  /** Bytes kept (default 150 MB). */
  maxBytes?: number;
  createObjectURL?: (blob: Blob) => string;
  revokeObjectURL?: (url: string) => void;
}

export interface MediaCache {
  /** What the cache holds for `url`, without loading it. */
  peek(url: string): MediaEntry | undefined;
  /** Loads `url` unless held, and keeps it from eviction until the returned function is called. */
  subscribe(url: string, listener: () => void): () => void;
  /** The blob's object URL once loaded (for a download); rejects with a `MediaLoadError`. */
  load(url: string): Promise<string>;
  /** Revokes every object URL (on sign-out). */
  clear(): void;
}

interface Slot {
  entry: MediaEntry;
  listeners: Set<() => void>;
  waiting: { resolve: (src: string) => void; reject: (e: unknown) => void }[];
}

/**
 * Media files fetched with the bearer token and shown through object URLs, one fetch per URL however many
 * components show it. Least recently used first out, above a count and a byte budget; an entry on screen (with a
 * subscriber) is never evicted, since revoking its object URL would break a video being played.
 */
export function createMediaCache(options: MediaCacheOptions): MediaCache {
  const maxEntries = options.maxEntries ?? 300;
  const maxBytes = options.maxBytes ?? 150 * 1024 * 1024;
  const createUrl = options.createObjectURL ?? ((blob: Blob) => URL.createObjectURL(blob));
  const revokeUrl = options.revokeObjectURL ?? ((url: string) => URL.revokeObjectURL(url));
  const slots = new Map<string, Slot>(); // in order of use, oldest first
  let generation = 0;

  function touch(url: string, slot: Slot) {
    slots.delete(url);
    slots.set(url, slot);
  }

  function slotFor(url: string): Slot {
    const held = slots.get(url);
    if (held) {
      touch(url, held);
      return held;
    }
    const slot: Slot = { entry: { status: 'loading' }, listeners: new Set(), waiting: [] };
    slots.set(url, slot);
    void fetchInto(url, slot);
    return slot;
  }

  async function fetchInto(url: string, slot: Slot) {
    const started = generation;
    let next: MediaEntry;
    try {
      const notMedia = new ApiError(400, 'NOT_MEDIA', 'Not a media URL');
      const blob = await (isMediaPath(url) ? options.fetchBlob(url) : Promise.reject(notMedia));
      if (started !== generation || slots.get(url) !== slot) return; // cleared meanwhile
      next = { status: 'ready', src: createUrl(blob), bytes: blob.size };
    } catch (error) {
      if (started !== generation || slots.get(url) !== slot) return;
      const gone = error instanceof ApiError && (error.status === 404 || error.status === 403);
      next = { status: 'error', failure: gone ? 'unavailable' : 'failed' };
    }
    slot.entry = next;
    for (const waiter of slot.waiting.splice(0)) {
      if (next.status === 'ready') waiter.resolve(next.src);
      else waiter.reject(new MediaLoadError(next.status === 'error' ? next.failure : 'failed'));
    }
    // A failure is kept only while shown: the next time the file is needed, it is asked for again.
    if (next.status === 'error' && slot.listeners.size === 0) slots.delete(url);
    evict();
    slot.listeners.forEach((listener) => listener());
  }

  function evict() {
    let count = slots.size;
    let bytes = 0;
    for (const slot of slots.values()) if (slot.entry.status === 'ready') bytes += slot.entry.bytes;
    for (const [url, slot] of slots) {
      if (count <= maxEntries && bytes <= maxBytes) return;
      if (slot.listeners.size > 0 || slot.entry.status === 'loading') continue;
      slots.delete(url);
      count--;
      if (slot.entry.status === 'ready') {
        bytes -= slot.entry.bytes;
        revokeUrl(slot.entry.src);
      }
    }
  }

  return {
    peek: (url) => slots.get(url)?.entry,
    subscribe(url, listener) {
      const slot = slotFor(url);
      slot.listeners.add(listener);
      return () => {
        slot.listeners.delete(listener);
        if (slot.listeners.size > 0 || slots.get(url) !== slot) return;
        if (slot.entry.status === 'error') slots.delete(url);
        else evict();
      };
    },
    load(url) {
      const slot = slotFor(url);
      const { entry } = slot;
      if (entry.status === 'ready') return Promise.resolve(entry.src);
      if (entry.status === 'error') {
        slots.delete(url);
        return this.load(url);
      }
      return new Promise((resolve, reject) => slot.waiting.push({ resolve, reject }));
    },
    clear() {
      generation++;
      for (const slot of slots.values()) if (slot.entry.status === 'ready') revokeUrl(slot.entry.src);
      slots.clear();
    },
  };
}
