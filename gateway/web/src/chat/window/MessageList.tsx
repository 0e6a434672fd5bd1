import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useNow } from '../../hooks/useNow';
import { alert, button, cx, text } from '../../ui/styles/classes';
import { dayKey, dayLabel } from '../format';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { isUnread, pendingIn } from '../store/selectors';
import type { Message, PendingSend } from '../store/types';
import { MessageBubble, type BubbleActions } from './MessageBubble';
import { useUnreadLanding } from './useUnreadLanding';
import styles from './MessageList.module.css';

/** Closer to an edge than this counts as being at it. */
const EDGE_PX = 48;
/** Older pages loaded, at most, looking for a message to go to (a quote's original, a search result). */
const MAX_JUMP_PAGES = 20;
/** How long the original glows once jumped to, and how long "no longer available" shows. */
const HIGHLIGHT_MS = 2_000;
const NOTICE_MS = 4_000;
/** A pause before asking again when an older page did not come (another load in flight, or a failure). */
const RETRY_PAGE_MS = 300;

type Item =
  { key: string; createdAt: string; message: Message } | { key: string; createdAt: string; pending: PendingSend };

/**
 * The messages oldest first, by day. Scrolling to the top loads older ones (the view stays put); a new
 * message scrolls to the bottom when the view was there already, or when it is my own.
 *
 * Opened with unread messages (`unreadAfter`), it goes to the first of them, under a "New messages" divider that
 * stays while the chat is open. Away from the bottom, a button goes there, with how many messages came since.
 */
export function MessageList({
  entry,
  run,
  target = null,
  unreadAfter = null,
  onReply,
  onEdit,
}: {
  entry: ConversationEntry;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  /** A message to go to once the history is in (e.g. a search result); a new `key` goes to it again. */
  target?: { messageId: string; key: string } | null;
  /** My read position as the chat was opened, when anything was unread: the messages past it are the new ones. */
  unreadAfter?: number | null;
  /** A message's Reply and Edit: the composer takes them. */
  onReply(message: Message): void;
  onEdit(message: Message): void;
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
  const now = useNow(60_000);
  const jump = useJump(id, list);
  const targeted = useRef<string | null>(null);
  const targetId = target?.messageId;
  const targetKey = target?.key;
  const jumpTo = jump.to;
  const landed = useUnreadLanding(id, unreadAfter, entry.loaded);
  const settled = unreadAfter === null || landed;
  // Away from the bottom (scrolled up, or landed on the first unread): the "jump to latest" button shows.
  const [away, setAway] = useState(false);
  // The newest message seen at the bottom: those from others after it are counted on the button.
  const [seenSeq, setSeenSeq] = useState(() => unreadAfter ?? entry.conversation.lastSeq);
  const loadedMessages = entry.messages ?? [];
  const newestSeq = loadedMessages[loadedMessages.length - 1]?.seq ?? 0;
  const firstUnreadId = unreadAfter === null ? undefined : loadedMessages.find((m) => isUnread(m, me, unreadAfter))?.id;
  const newer = loadedMessages.filter((m) => isUnread(m, me, seenSeq)).length;

  // Asked to open at a message: once the newest page is in, go to it (loading older pages as for a quote).
  useEffect(() => {
    if (!targetId || !entry.loaded || targeted.current === targetKey) return;
    targeted.current = targetKey ?? null;
    jumpTo(targetId, 'message');
  }, [targetId, targetKey, entry.loaded, jumpTo]);

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

  // Opened with unread messages, all of them in now: the first one shows at the top, under its divider.
  useLayoutEffect(() => {
    const el = list.current;
    const divider = el?.querySelector<HTMLElement>('[data-testid="unread-divider"]');
    if (!landed || !el || !divider) return;
    divider.scrollIntoView?.({ block: 'start' });
    // Without a layout (jsdom) the view counts as left at the divider.
    atBottom.current = el.clientHeight > 0 && isAtBottom(el);
    setAway(!atBottom.current);
  }, [landed]);

  function onScroll() {
    const el = list.current;
    if (!el) return;
    atBottom.current = isAtBottom(el);
    // While it goes to the first unread message, the view passes the bottom on its way: that is no reading.
    if (settled) {
      setAway(!atBottom.current);
      if (atBottom.current) setSeenSeq((seen) => Math.max(seen, newestSeq));
    }
    if (el.scrollTop < EDGE_PX) loadOlder();
  }

  function toLatest() {
    const el = list.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setAway(false);
    setSeenSeq((seen) => Math.max(seen, newestSeq));
  }

  const actions: BubbleActions = { run, now, reply: onReply, edit: onEdit, jumpTo: jump.to };
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
      {jump.missing && (
        <p
          className={cx(alert('info'), styles.jumpNotice)}
          role="status"
          data-testid={jump.missing === 'reply' ? 'reply-original-missing' : 'jump-missing'}
        >
          {jump.missing === 'reply'
            ? 'The original message is no longer available'
            : 'That message is no longer available, or too far back to show'}
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
              {'message' in item && item.message.id === firstUnreadId && (
                <li className={styles.unreadDivider} data-testid="unread-divider">
                  <span>New messages</span>
                </li>
              )}
              {'message' in item ? (
                <MessageBubble
                  entry={entry}
                  message={item.message}
                  actions={actions}
                  highlighted={item.message.id === jump.highlighted?.id}
                />
              ) : (
                <MessageBubble entry={entry} pending={item.pending} actions={actions} />
              )}
            </Fragment>
          );
        })}
      </ol>
      {away && (
        <button
          type="button"
          className={cx(button('icon'), styles.jumpLatest)}
          data-testid="jump-latest"
          aria-label="Jump to latest messages"
          title="Jump to latest messages"
          onClick={toLatest}
        >
          <span aria-hidden="true">↓</span>
          {newer > 0 && (
            <span className={cx(text.count, styles.jumpCount)} data-testid="jump-latest-count">
              {newer}
            </span>
          )}
        </button>
      )}
    </div>
  );
}

const isAtBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX;

type JumpKind = 'reply' | 'message';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Going to a message (a quote's original, or a search result): scrolled to the middle of the view and glowing for a moment. One not loaded yet is
 * looked for in older pages (at most MAX_JUMP_PAGES); one not found (deleted for me, cleared, or too far back)
 * says so for a moment.
 */
function useJump(conversationId: string, list: RefObject<HTMLDivElement | null>) {
  const store = useChatStore();
  // A new object per jump, so jumping to the same message again scrolls again.
  const [highlighted, setHighlighted] = useState<{ id: string } | null>(null);
  // What was not found: a quote's original, or a message asked for otherwise (a search result).
  const [missing, setMissing] = useState<JumpKind | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);

  useEffect(() => {
    mounted.current = true;
    const pending = timers.current;
    return () => {
      mounted.current = false;
      pending.forEach(clearTimeout);
    };
  }, []);

  // Once the original is in the list (maybe just loaded), bring it into view.
  useLayoutEffect(() => {
    if (!highlighted) return;
    const nodes = list.current?.querySelectorAll<HTMLElement>('[data-message-id]') ?? [];
    const node = [...nodes].find((el) => el.dataset.messageId === highlighted.id);
    // Not in every browser-like environment (jsdom has none).
    node?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [highlighted, list]);

  const to = useCallback(
    (messageId: string, kind: JumpKind = 'reply') => {
      if (running.current) return;
      running.current = true;
      const loaded = () => store.getState().conversations[conversationId];
      const later = (ms: number, run: () => void) => timers.current.push(setTimeout(run, ms));
      const found = () => loaded()?.messages?.some((m) => m.id === messageId) ?? false;
      void (async () => {
        try {
          for (let pages = 0; !found() && pages < MAX_JUMP_PAGES && loaded()?.hasOlder && mounted.current; pages++) {
            const oldest = loaded()?.messages?.[0]?.id;
            await store.loadOlder(conversationId);
            if (loaded()?.messages?.[0]?.id === oldest) await pause(RETRY_PAGE_MS);
          }
        } finally {
          running.current = false;
        }
        if (!mounted.current) return;
        if (found()) {
          const mark = { id: messageId };
          setHighlighted(mark);
          later(HIGHLIGHT_MS, () => setHighlighted((current) => (current === mark ? null : current)));
        } else {
          setMissing(kind);
          later(NOTICE_MS, () => setMissing(null));
        }
      })();
    },
    [store, conversationId],
  );

  return { to, highlighted, missing };
}
