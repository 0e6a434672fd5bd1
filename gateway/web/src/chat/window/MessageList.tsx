import { Fragment, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { alert, button, cx, text } from '../../ui/styles/classes';
import { dayKey, dayLabel } from '../format';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { pendingIn } from '../store/selectors';
import type { Message, PendingSend } from '../store/types';
import { MessageBubble } from './MessageBubble';
import styles from './MessageList.module.css';

/** Closer to an edge than this counts as being at it. */
const EDGE_PX = 48;

type Item =
  { key: string; createdAt: string; message: Message } | { key: string; createdAt: string; pending: PendingSend };

/**
 * The messages oldest first, by day. Scrolling to the top loads older ones (the view stays put); a new
 * message scrolls to the bottom when the view was there already, or when it is my own.
 */
export function MessageList({
  entry,
  run,
}: {
  entry: ConversationEntry;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}) {
  const store = useChatStore();
  const me = useChatState((s) => s.me);
  const outbox = useChatState((s) => s.outbox);
  const id = entry.conversation.id;
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const edges = useRef<{ first?: string; last?: string }>({});
  const [loadingOlder, setLoadingOlder] = useState(false);

  // My message keeps its key (and its DOM node) from sending to sent: keyed by clientMessageId, unique per sender.
  const keyOf = (message: Message) =>
    message.senderId === me && message.clientMessageId ? `c:${message.clientMessageId}` : `m:${message.id}`;
  const items: Item[] = [
    ...(entry.messages ?? []).map((message) => ({ key: keyOf(message), createdAt: message.createdAt, message })),
    ...pendingIn(outbox, id).map((pending) => ({
      key: `c:${pending.clientMessageId}`,
      createdAt: pending.createdAt,
      pending,
    })),
  ];
  const first = items[0]?.key;
  const lastItem = items[items.length - 1];

  const loadOlder = useCallback(() => {
    const el = list.current;
    if (!entry.hasOlder || loadingOlder || !el) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    setLoadingOlder(true);
    void store.loadOlder(id).finally(() => setLoadingOlder(false));
  }, [entry.hasOlder, loadingOlder, store, id]);

  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const before = edges.current;
    edges.current = { first, last: lastItem?.key };
    if (anchor.current && first !== before.first) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (lastItem && lastItem.key !== before.last && (atBottom.current || 'pending' in lastItem)) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    }
    // A first page too short to scroll can never be scrolled to the top: fill the view.
    if (el.clientHeight > 0 && el.scrollHeight <= el.clientHeight && entry.hasOlder) loadOlder();
  });

  function onScroll() {
    const el = list.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX;
    if (el.scrollTop < EDGE_PX) loadOlder();
  }

  let previousDay = '';
  return (
    <div className={styles.scroll} ref={list} onScroll={onScroll} data-testid="message-list" aria-busy={!entry.loaded}>
      {entry.hasOlder && (
        <button
          type="button"
          className={cx(button('link'), styles.loadOlder)}
          data-testid="load-older"
          disabled={loadingOlder}
          onClick={loadOlder}
        >
          {loadingOlder ? 'Loading…' : 'Load earlier messages'}
        </button>
      )}
      {!entry.loaded && !entry.historyError && (
        <p className={cx(text.muted, text.small, styles.note)}>Loading messages…</p>
      )}
      {entry.historyError && (
        <p className={cx(alert('error'), styles.note)} role="alert">
          Messages could not be loaded.{' '}
          <button type="button" className={button('link')} onClick={() => store.open(id, true)}>
            Try again
          </button>
        </p>
      )}
      {entry.loaded && items.length === 0 && (
        <p className={cx(text.muted, text.small, styles.note)}>No messages yet. Say hello!</p>
      )}
      <ol className={styles.messages}>
        {items.map((item) => {
          const day = dayKey(item.createdAt);
          const separator = day !== previousDay;
          previousDay = day;
          return (
            <Fragment key={item.key}>
              {separator && (
                <li className={styles.daySeparator} data-testid="day-separator">
                  <span>{dayLabel(item.createdAt)}</span>
                </li>
              )}
              {'message' in item ? (
                <MessageBubble entry={entry} message={item.message} run={run} />
              ) : (
                <MessageBubble entry={entry} pending={item.pending} run={run} />
              )}
            </Fragment>
          );
        })}
      </ol>
    </div>
  );
}
