import { useOptionalChatState } from './store/ChatProvider';
import { totalUnread } from './store/selectors';

/** The number of unread messages on the Chats link; nothing when there are none (or signed out). */
export function ChatsBadge() {
  const count = useOptionalChatState(totalUnread, 0);
  if (count === 0) return null;
  return (
    <>
      <span className="nav-badge" data-testid="chats-unread" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">, {count} unread</span>
    </>
  );
}
