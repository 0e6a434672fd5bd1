import { useEffect, useRef, useState } from 'react';
import { useChatStore } from '../store/ChatProvider';

/** Older pages loaded, at most, looking for the first unread message; past that the divider tops what is loaded. */
export const MAX_UNREAD_PAGES = 10;
/** A pause before asking again when an older page did not come (another load in flight, or a failure). */
const RETRY_PAGE_MS = 300;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A chat opened with unread messages (`after`: my read position then; null when none): once its newest page is in,
 * older pages are loaded until every message past `after` is (at most MAX_UNREAD_PAGES); then `landed` is set, for
 * the list to go to the first unread one. Once per open.
 */
export function useUnreadLanding(conversationId: string, after: number | null, loaded: boolean) {
  const store = useChatStore();
  const [landed, setLanded] = useState(false);
  const started = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (after === null || !loaded || started.current) return;
    started.current = true;
    const entry = () => store.getState().conversations[conversationId];
    // Everything past `after` is in once the oldest loaded message is at or before it, or there is nothing older.
    const covered = () => {
      const oldest = entry()?.messages?.[0];
      return !entry()?.hasOlder || !oldest || oldest.seq <= after;
    };
    void (async () => {
      for (let pages = 0; !covered() && pages < MAX_UNREAD_PAGES && mounted.current; pages++) {
        const oldest = entry()?.messages?.[0]?.id;
        await store.loadOlder(conversationId);
        if (entry()?.messages?.[0]?.id === oldest) await pause(RETRY_PAGE_MS);
      }
      if (mounted.current) setLanded(true);
    })();
  }, [after, loaded, store, conversationId]);

  return landed;
}
