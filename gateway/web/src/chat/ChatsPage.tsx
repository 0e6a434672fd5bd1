import { useParams } from 'react-router';
import { cx, text } from '../ui/styles/classes';
import { ConversationList } from './list/ConversationList';
import { ChatWindow } from './window/ChatWindow';
import styles from './ChatsPage.module.css';

/** `/chats` and `/chats/:conversationId`: the list beside the open chat (one pane at a time on narrow screens). */
export function ChatsPage() {
  const { conversationId } = useParams();
  return (
    <div className={cx(styles.chats, conversationId && styles.open)}>
      <ConversationList className={styles.list} />
      {conversationId ? (
        <ChatWindow key={conversationId} conversationId={conversationId} />
      ) : (
        <section className={styles.empty} aria-labelledby="chats-title">
          <h2 id="chats-title">Select a conversation</h2>
          <p className={text.muted}>Pick a chat from the list, or start one with a friend.</p>
        </section>
      )}
    </div>
  );
}
