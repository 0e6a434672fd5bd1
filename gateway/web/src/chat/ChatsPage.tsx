import { useParams } from 'react-router';
import { ChatWindow } from './window/ChatWindow';
import { ConversationList } from './list/ConversationList';

/** `/chats` and `/chats/:conversationId`: the list beside the open chat (one pane at a time on narrow screens). */
export function ChatsPage() {
  const { conversationId } = useParams();
  return (
    <div className={conversationId ? 'chats chats-open' : 'chats'}>
      <ConversationList />
      {conversationId ? (
        <ChatWindow key={conversationId} conversationId={conversationId} />
      ) : (
        <section className="chat-empty" aria-labelledby="chats-title">
          <h2 id="chats-title">Select a conversation</h2>
          <p className="muted">Pick a chat from the list, or start one with a friend.</p>
        </section>
      )}
    </div>
  );
}
