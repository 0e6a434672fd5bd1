import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { GroupCallBanner } from '../../call/GroupCallBanner';
import { useAction } from '../../hooks/useAction';
import { useWindowActive } from '../../hooks/useWindowActive';
import { ActionError } from '../../ui/ActionError';
import { cx, text } from '../../ui/styles/classes';
import { useFileDrop } from '../compose/useFileDrop';
import { useUploadTray } from '../compose/useUploadTray';
import { GroupInfoPanel } from '../group/GroupInfoPanel';
import { useChatState, useChatStore } from '../store/ChatProvider';
import { typingText, unreadAfter } from '../store/selectors';
import { ChatHeader } from './ChatHeader';
import { Composer, type ComposerHandle } from './Composer';
import { MessageList } from './MessageList';
import styles from './ChatWindow.module.css';

/** One open chat: header, messages, who is typing and the composer; the group panel beside it. */
export function ChatWindow({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const navigate = useNavigate();
  const entry = useChatState((s) => s.conversations[conversationId]);
  const me = useChatState((s) => s.me);
  const action = useAction('chat');
  const [infoOpen, setInfoOpen] = useState(false);
  const [missing, setMissing] = useState(false);
  const shown = useRef(false);
  const active = useWindowActive();
  const listReady = useChatState((s) => s.status === 'ready');
  const typing = useChatState((s) => typingText(s, conversationId));
  const tray = useUploadTray();
  const drop = useFileDrop(tray.add);
  const composer = useRef<ComposerHandle>(null);
  // `/chats/<id>?message=<messageId>` (a search result): opened at that message. The location's key tells one
  // click from the next, so choosing the same result again goes to it again.
  const [params] = useSearchParams();
  const { key } = useLocation();
  const messageId = params.get('message');
  const target = messageId ? { messageId, key } : null;
  // Where the unread messages started as the chat opened, read before it is marked read (the effect below) and kept
  // while it stays open; undefined until the chat is known.
  const [readAt, setReadAt] = useState(() => (entry ? unreadAfter(entry.conversation, me) : undefined));
  if (readAt === undefined && entry) setReadAt(unreadAfter(entry.conversation, me));

  // A link to a chat the list does not hold (yet): ask for it once the list is in.
  useEffect(() => {
    if (entry || !listReady || shown.current) return;
    let live = true;
    void store.fetchConversation(conversationId).then((found) => live && setMissing(!found));
    return () => {
      live = false;
    };
  }, [entry, listReady, store, conversationId]);

  // Left, removed, or gone after a reconnect while open: back to the list.
  useEffect(() => {
    if (entry) shown.current = true;
    else if (shown.current) void navigate('/chats', { replace: true });
  }, [entry, navigate]);

  useEffect(() => {
    if (entry) store.open(conversationId);
  }, [entry, store, conversationId]);

  // In front of the user: the badge goes and the read position follows the newest message.
  useEffect(() => {
    if (entry && active) store.markRead(conversationId);
  }, [entry, active, store, conversationId]);

  if (!entry) {
    return (
      <section
        className={cx(styles.window, styles.missing)}
        data-testid="chat-window"
        data-conversation-id={conversationId}
      >
        {missing ? (
          <>
            <h2>Conversation not found</h2>
            <p className={text.muted}>It does not exist, or you are not in it any more.</p>
            <Link to="/chats">Back to chats</Link>
          </>
        ) : (
          <p className={text.muted}>Loading…</p>
        )}
      </section>
    );
  }

  const group = entry.conversation.kind === 'GROUP';
  return (
    <div className={cx(styles.area, infoOpen && group && styles.withInfo)}>
      <section
        className={styles.window}
        data-testid="chat-window"
        data-conversation-id={conversationId}
        aria-labelledby="chat-title"
        {...drop.handlers}
      >
        {drop.dragging && (
          <div className={styles.dropZone} data-testid="drop-zone" aria-hidden="true">
            Drop files to send them
          </div>
        )}
        <ChatHeader
          entry={entry}
          infoOpen={infoOpen}
          onToggleInfo={() => setInfoOpen((open) => !open)}
          onClear={() => void action.run(() => store.clear(conversationId))}
          onMute={(until) => void action.run(() => store.mute(conversationId, until))}
        />
        {group && <GroupCallBanner conversationId={conversationId} />}
        <ActionError message={action.error} className={styles.error} />
        <MessageList
          entry={entry}
          run={action.run}
          target={target}
          unreadAfter={messageId ? null : (readAt ?? null)}
          onReply={(message) => composer.current?.reply(message)}
          onEdit={(message) => composer.current?.edit(message)}
        />
        <p className={cx(styles.typing, text.muted, text.small)} aria-live="polite">
          {typing && <span data-testid="typing-indicator">{typing}</span>}
        </p>
        <Composer ref={composer} conversationId={conversationId} tray={tray} />
      </section>
      {infoOpen && group && <GroupInfoPanel entry={entry} onClose={() => setInfoOpen(false)} />}
    </div>
  );
}
