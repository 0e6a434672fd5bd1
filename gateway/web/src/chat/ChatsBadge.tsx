import { useOptionalChat } from './store/ChatProvider';
import { totalUnread } from './store/selectors';

/** The number of unread messages on the Chats link; nothing when there are none (or signed out). */
export function ChatsBadge() {
  const chat = useOptionalChat();
  const count = chat ? totalUnread(chat.state) : 0;
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
