import { Fragment } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { chatMessagePath } from '../../app/routes';
import { useNow } from '../../hooks/useNow';
import { alert, button, cx, text } from '../../ui/styles/classes';
import { listTime } from '../format';
import { useChatState } from '../store/ChatProvider';
import { nameOf, previewOf, titleOf } from '../store/selectors';
import { MAX_QUERY_LENGTH, snippetParts, type SearchHit } from './searchApi';
import type { MessageSearch } from './useMessageSearch';
import styles from './MessageSearch.module.css';

/** The search box above the chats: Enter searches, Esc clears it and closes the results. */
export function MessageSearchBox({ search }: { search: MessageSearch }) {
  return (
    <form
      className={styles.box}
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        search.submit();
      }}
    >
      <input
        type="search"
        className={styles.input}
        data-testid="message-search"
        aria-label="Search messages"
        placeholder="Search messages"
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        value={search.input}
        onChange={(event) => search.setInput(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          search.close();
        }}
      />
    </form>
  );
}

/** The results in place of the conversation list while a search is open. */
export function MessageSearchResults({ search }: { search: MessageSearch }) {
  const { results } = search;
  const now = useNow(60_000);
  const { conversationId } = useParams();
  const [params] = useSearchParams();
  if (!results) return null;
  const opened = conversationId ? `${conversationId}/${params.get('message') ?? ''}` : null;
  const { q, items, status, error, hasMore, loadingMore, order } = results;
  const other = order === 'newest' ? 'relevance' : 'newest';

  return (
    <div className={styles.results} data-testid="search-results">
      <div className={styles.resultsHeader}>
        <span className={cx(text.small, text.muted, styles.heading)} id="search-results-title">
          {status === 'loading' ? 'Searching for' : 'Results for'} “{q}”
        </span>
        <button
          type="button"
          className={button('icon', 'ghost')}
          data-testid="search-close"
          aria-label="Close search"
          title="Close search"
          onClick={search.close}
        >
          ✕
        </button>
      </div>
      {order && status !== 'loading' && (
        <p className={cx(text.small, text.muted, styles.order)} data-testid="search-order">
          {order === 'newest' ? 'Newest first' : 'Most relevant first'} ·{' '}
          <button
            type="button"
            className={button('link')}
            data-testid="search-reorder"
            onClick={() => search.reorder(other)}
          >
            {other === 'newest' ? 'Show newest first' : 'Show most relevant first'}
          </button>
        </p>
      )}
      {status === 'loading' && (
        <p className={cx(text.muted, text.small, styles.note)} role="status" data-testid="search-loading">
          Searching…
        </p>
      )}
      {status === 'ready' && items.length === 0 && (
        <p className={cx(text.muted, text.small, styles.note)} role="status" data-testid="search-empty">
          No messages found
        </p>
      )}
      {items.length > 0 && (
        <ul className={styles.list} aria-labelledby="search-results-title">
          {items.map((hit) => (
            <SearchResult
              key={hit.message.id}
              hit={hit}
              now={now}
              current={opened === `${hit.message.conversationId}/${hit.message.id}`}
            />
          ))}
        </ul>
      )}
      {error && (
        <p className={cx(alert('error'), styles.note)} role="alert" data-testid="search-error">
          {error}
        </p>
      )}
      {hasMore && (
        <button
          type="button"
          className={cx(button('small'), styles.more)}
          data-testid="search-more"
          disabled={loadingMore}
          onClick={search.loadMore}
        >
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function SearchResult({ hit, now, current }: { hit: SearchHit; now: number; current: boolean }) {
  const { message, snippet } = hit;
  const me = useChatState((s) => s.me);
  const conversation = useChatState((s) => s.conversations[message.conversationId]?.conversation);
  const title = conversation ? titleOf(conversation, me) : 'Conversation';
  const member = conversation?.members.find((m) => m.user.id === message.senderId);
  const sender =
    message.senderId === me
      ? 'You'
      : member
        ? nameOf(member.user)
        : conversation?.peer?.id === message.senderId
          ? nameOf(conversation.peer)
          : 'Someone';
  const parts = snippet.text ? snippetParts(snippet.text, snippet.highlights) : [];

  return (
    <li>
      <Link
        to={chatMessagePath(message.conversationId, message.id)}
        className={cx(styles.item, current && styles.current)}
        aria-current={current ? 'true' : undefined}
        data-testid="search-result"
        data-message-id={message.id}
        data-conversation-id={message.conversationId}
      >
        <span className={styles.top}>
          <span className={styles.title} data-testid="search-result-conversation">
            {title}
          </span>
          <time className={cx(styles.time, text.muted)} dateTime={message.createdAt}>
            {listTime(message.createdAt, now)}
          </time>
        </span>
        <span className={cx(styles.sender, text.small)} data-testid="search-result-sender">
          {sender}
        </span>
        <span className={cx(styles.snippet, text.small)} data-testid="search-snippet">
          {parts.length > 0
            ? parts.map((part, i) =>
                part.mark ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
              )
            : previewOf(message, me)}
        </span>
      </Link>
    </li>
  );
}
