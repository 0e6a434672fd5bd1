import { Link } from 'react-router';
import { profilePath } from '../../app/routes';
import { useCalls } from '../../call/CallProvider';
import { askForCallNotifications } from '../../call/notifications';
import { useNow } from '../../hooks/useNow';
import { Menu } from '../../ui/Menu';
import { button, cx, text } from '../../ui/styles/classes';
import { ChatAvatar } from '../ChatAvatar';
import { presenceText } from '../format';
import { useChatState } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { peerOf, titleOf } from '../store/selectors';
import styles from './ChatHeader.module.css';

export function ChatHeader(props: {
  entry: ConversationEntry;
  infoOpen: boolean;
  onToggleInfo: () => void;
  onClear: () => void;
}) {
  const me = useChatState((s) => s.me);
  const presence = useChatState((s) => s.presence);
  const now = useNow(30_000);
  const { conversation } = props.entry;
  const title = titleOf(conversation, me);
  const peer = peerOf(conversation, me);
  const calls = useCalls();
  return (
    <header className={styles.header}>
      <Link to="/chats" className={cx(button('icon'), styles.back)} aria-label="Back to chats">
        <span aria-hidden="true">←</span>
      </Link>
      <ChatAvatar conversation={conversation} me={me} presence={presence} title={title} />
      <div className={styles.heading}>
        <h2 id="chat-title" data-testid="chat-title">
          {peer ? (
            <Link to={profilePath(peer.id)} className={styles.titleLink}>
              {title}
            </Link>
          ) : (
            title
          )}
        </h2>
        {peer ? (
          <p className={cx(text.muted, text.small)} data-testid="chat-presence">
            {presenceText(presence[peer.id], now)}
          </p>
        ) : (
          <p className={cx(text.muted, text.small)} data-testid="chat-members-count">
            {conversation.members.length} members
          </p>
        )}
      </div>
      {calls && (peer || conversation.kind === 'GROUP') && (
        <div className={styles.calls}>
          {(['audio', 'video'] as const).map((media) => (
            <button
              key={media}
              type="button"
              className={button('small')}
              data-testid={`call-${media}`}
              aria-label={`${media === 'audio' ? 'Audio' : 'Video'} call ${peer ? 'with' : 'in'} ${title}`}
              disabled={
                (calls.view.phase !== 'idle' && calls.view.phase !== 'ended') ||
                Boolean(calls.view.groupCalls[conversation.id])
              }
              onClick={() => {
                askForCallNotifications();
                if (peer) void calls.controller.start(conversation.id, peer.id, media);
                else void calls.controller.startGroup(conversation.id, media);
              }}
            >
              {media === 'audio' ? 'Call' : 'Video'}
            </button>
          ))}
        </div>
      )}
      {conversation.kind === 'GROUP' && (
        <button
          type="button"
          className={button('small')}
          data-testid="group-info"
          aria-expanded={props.infoOpen}
          onClick={props.onToggleInfo}
        >
          Group info
        </button>
      )}
      <Menu
        label="Chat options"
        testId="chat-menu"
        items={[{ label: 'Clear conversation', testId: 'clear-conversation', danger: true, onSelect: props.onClear }]}
      />
    </header>
  );
}
