import { CountBadge } from '../ui/CountBadge';
import { useOptionalChatState } from './store/ChatProvider';
import { totalUnread } from './store/selectors';

/** The number of unread messages on the Chats link; nothing when there are none (or signed out). */
export function ChatsBadge() {
  const count = useOptionalChatState(totalUnread, 0);
  return <CountBadge count={count} testId="chats-unread" spoken={`${count} unread`} />;
}
