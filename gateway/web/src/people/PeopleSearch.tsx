import { useEffect, useRef, useState } from 'react';
import { messageFor } from '../api/messages';
import { Field } from '../ui/form/Field';
import { alert, button, cx, text } from '../ui/styles/classes';
import { PeopleList, PersonRow } from './PeopleList';
import { RelationshipActions } from './RelationshipActions';
import { usePeopleStore } from './store/PeopleProvider';
import type { Person } from './store/types';
import styles from './PeopleSearch.module.css';

export const SEARCH_DEBOUNCE_MS = 250;

interface Results {
  /** The (trimmed) query these results are for. */
  q: string;
  items: Person[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
}

const IDLE: Results = { q: '', items: [], nextCursor: null, status: 'idle', error: null, loadingMore: false };

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Finds people by username or display name prefix, or exact e-mail; each result with its actions. */
export function PeopleSearch() {
  const { api } = usePeopleStore();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>(IDLE);
  const more = useRef<AbortController | null>(null);

  // Debounced: a request goes out once typing pauses; a newer query aborts the older request.
  useEffect(() => {
    const q = query.trim();
    more.current?.abort();
    if (!q) return; // emptied: onChange has put the results back to IDLE
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setResults((r) => ({ ...r, status: 'loading', error: null }));
      api.search(q, null, { signal: controller.signal }).then(
        (page) => {
          if (controller.signal.aborted) return;
          setResults({
            q,
            items: page.items,
            nextCursor: page.nextCursor,
            status: 'ready',
            error: null,
            loadingMore: false,
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbort(error)) return;
          setResults({ ...IDLE, q, status: 'error', error: messageFor(error) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, api]);

  function loadMore() {
    const { q, nextCursor } = results;
    if (!nextCursor) return;
    more.current?.abort();
    const controller = new AbortController();
    more.current = controller;
    setResults((r) => ({ ...r, loadingMore: true, error: null }));
    api.search(q, nextCursor, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        setResults((r) => {
          const seen = new Set(r.items.map((p) => p.id));
          const items = [...r.items, ...page.items.filter((p) => !seen.has(p.id))];
          return { ...r, items, nextCursor: page.nextCursor, loadingMore: false };
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setResults((r) => ({ ...r, loadingMore: false, error: messageFor(error) }));
      },
    );
  }

  const trimmed = query.trim();
  const current = results.q === trimmed;

  return (
    <section className={styles.search} aria-labelledby="find-people-title">
      <h2 id="find-people-title">Find people</h2>
      <Field
        label="Search by name, username or e-mail"
        hideLabel
        className={styles.input}
        type="search"
        name="q"
        placeholder="Search by name, username or e-mail"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        value={query}
        data-testid="people-search"
        onChange={(event) => {
          setQuery(event.target.value);
          if (!event.target.value.trim()) setResults(IDLE);
        }}
      />
      <div role="status" className={cx(styles.status, text.muted, text.small)} data-testid="search-status">
        {trimmed && results.status === 'loading' && 'Searching…'}
        {trimmed &&
          current &&
          results.status === 'ready' &&
          results.items.length === 0 &&
          `No one found for “${trimmed}”.`}
      </div>
      {results.status === 'error' && results.error && (
        <p className={alert('error')} role="alert" data-testid="search-error">
          {results.error}
        </p>
      )}
      {trimmed && results.items.length > 0 && (
        <>
          <PeopleList aria-label="Search results" data-testid="search-results">
            {results.items.map((person) => (
              <PersonRow key={person.id} testId={`person-${person.username}`} user={person}>
                <RelationshipActions person={person} />
              </PersonRow>
            ))}
          </PeopleList>
          {results.error && results.status !== 'error' && (
            <p className={alert('error')} role="alert">
              {results.error}
            </p>
          )}
          {results.nextCursor && (
            <button
              type="button"
              className={button()}
              data-testid="load-more"
              disabled={results.loadingMore}
              onClick={loadMore}
            >
              {results.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
