import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { messageFor } from '../../api/messages';
import { useServices } from '../../auth/services';
import { createSearchApi, type SearchHit, type SearchOrder } from './searchApi';

/** Typing searches once it pauses this long (Enter searches at once). */
export const SEARCH_DEBOUNCE_MS = 400;
/** Shorter queries are searched on Enter only. */
export const MIN_TYPED_QUERY = 2;

export interface SearchResults {
  /** The (trimmed) query these results are for. */
  q: string;
  items: SearchHit[];
  hasMore: boolean;
  /** The order of the results: the server's choice, or the one asked with reorder (kept for more pages). */
  order: SearchOrder | null;
  status: 'loading' | 'ready' | 'error';
  /** The failure of the search, or of loading more (then the results so far stay). */
  error: string | null;
  loadingMore: boolean;
}

export interface MessageSearch {
  /** What is in the search box. */
  input: string;
  setInput(value: string): void;
  /** Searches for the box's text now (Enter). */
  submit(): void;
  /** The results panel's content; null while no search is open. */
  results: SearchResults | null;
  loadMore(): void;
  /** Searches the same query again in the other order. */
  reorder(order: SearchOrder): void;
  /** Empties the box and closes the results (Esc, ✕). */
  close(): void;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The message search of the chats list: a request goes out on Enter, or once typing pauses with at least
 * MIN_TYPED_QUERY characters, never twice in a row for the same query (the gateway allows 60 a minute); a newer
 * search cancels the one in flight.
 */
export function useMessageSearch(): MessageSearch {
  const { api } = useServices();
  const searchApi = useMemo(() => createSearchApi(api), [api]);
  const [input, setInputValue] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const request = useRef<AbortController | null>(null);
  /** The query last sent, so the debounce does not repeat what Enter already searched. */
  const searched = useRef('');

  useEffect(() => () => request.current?.abort(), []);

  const search = useCallback(
    (raw: string, order?: SearchOrder) => {
      const q = raw.trim();
      if (!q) return;
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      searched.current = q;
      const asked = order ?? null;
      setResults({ q, items: [], hasMore: false, order: asked, status: 'loading', error: null, loadingMore: false });
      searchApi.messages({ q, order }, { signal: controller.signal }).then(
        (page) => {
          if (controller.signal.aborted) return;
          setResults({
            q,
            items: page.items,
            hasMore: page.hasMore,
            order: page.order,
            status: 'ready',
            error: null,
            loadingMore: false,
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          // A failed query may be tried again, by typing or Enter.
          searched.current = '';
          setResults({
            q,
            items: [],
            hasMore: false,
            order: asked,
            status: 'error',
            error: messageFor(error, 'search'),
            loadingMore: false,
          });
        },
      );
    },
    [searchApi],
  );

  useEffect(() => {
    const q = input.trim();
    if (q.length < MIN_TYPED_QUERY || q === searched.current) return;
    const timer = setTimeout(() => {
      if (q !== searched.current) search(q);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, search]);

  const reset = useCallback(() => {
    request.current?.abort();
    searched.current = '';
    setResults(null);
  }, []);

  const close = useCallback(() => {
    reset();
    setInputValue('');
  }, [reset]);

  const setInput = useCallback(
    (value: string) => {
      setInputValue(value);
      if (!value.trim()) reset();
    },
    [reset],
  );

  const loadMore = useCallback(() => {
    const current = results;
    const last = current?.items[current.items.length - 1];
    if (!current || !current.hasMore || current.loadingMore || !last) return;
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setResults({ ...current, loadingMore: true, error: null });
    const order = current.order ?? undefined;
    searchApi.messages({ q: current.q, before: last.message.id, order }, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        setResults((r) => {
          if (!r || r.q !== current.q) return r;
          const seen = new Set(r.items.map((hit) => hit.message.id));
          const items = [...r.items, ...page.items.filter((hit) => !seen.has(hit.message.id))];
          return { ...r, items, hasMore: page.hasMore, loadingMore: false };
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setResults((r) => r && { ...r, loadingMore: false, error: messageFor(error, 'search') });
      },
    );
  }, [results, searchApi]);

  const reorder = useCallback(
    (order: SearchOrder) => {
      if (results) search(results.q, order);
    },
    [results, search],
  );

  return { input, setInput, submit: () => search(input), results, loadMore, reorder, close };
}
