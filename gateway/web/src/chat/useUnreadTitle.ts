import { useEffect } from 'react';
import { useOptionalChatState } from './store/ChatProvider';
import { totalUnread } from './store/selectors';

/** The page's own title (index.html's). */
export const APP_TITLE = 'Parley';

/**
 * The tab's title carries the unread total, as the chats badge shows it: "(3) Parley", so it shows from another
 * tab; plain "Parley" with none, and once signed out (no chat store, so 0).
 */
export function useUnreadTitle() {
  const count = useOptionalChatState(totalUnread, 0);
  useEffect(() => {
    document.title = count > 0 ? `(${count}) ${APP_TITLE}` : APP_TITLE;
  }, [count]);
  useEffect(
    () => () => {
      document.title = APP_TITLE;
    },
    [],
  );
}
