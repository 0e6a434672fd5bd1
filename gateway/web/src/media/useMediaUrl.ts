import { useCallback, useSyncExternalStore } from 'react';
import type { MediaFailure } from './mediaCache';
import { useMedia } from './MediaProvider';

export interface MediaUrl {
  /** The object URL to put in `src`; null until loaded. */
  src: string | null;
  error: MediaFailure | null;
  loading: boolean;
}

const nothing = () => () => undefined;

/**
 * A media URL (`/api/media/...`, which needs the bearer token) as an object URL for `<img>`, `<video>` or
 * `<audio>`: fetched once through the shared cache, however many components show it.
 */
export function useMediaUrl(url: string | null): MediaUrl {
  const { cache } = useMedia();
  const subscribe = useCallback(
    (listener: () => void) => (url ? cache.subscribe(url, listener) : nothing()),
    [cache, url],
  );
  const entry = useSyncExternalStore(subscribe, () => (url ? cache.peek(url) : undefined));
  if (!url) return { src: null, error: null, loading: false };
  if (entry?.status === 'ready') return { src: entry.src, error: null, loading: false };
  if (entry?.status === 'error') return { src: null, error: entry.failure, loading: false };
  return { src: null, error: null, loading: true };
}
