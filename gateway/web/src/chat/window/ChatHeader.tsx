import { useState } from 'react';
import { Link } from 'react-router';
import { profilePath } from '../../app/routes';
import { useCalls } from '../../call/CallProvider';
import { askForCallNotifications } from '../../call/notifications';
import { useNow } from '../../hooks/useNow';
import { Dialog } from '../../ui/Dialog';
import { Menu } from '../../ui/Menu';
import { button, cx, text } from '../../ui/styles/classes';
import { ChatAvatar } from '../ChatAvatar';
import { presenceText } from '../format';
import { MutedIcon } from '../MutedIcon';
import { useChatState } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { isMuted, peerOf, titleOf } from '../store/selectors';
import styles from './ChatHeader.module.css';

export function ChatHeader(props: {
  entry: ConversationEntry;
  infoOpen: boolean;
  onToggleInfo: () => void;
  onClear: () => void;
  /** Mutes the chat's notifications until then (ISO time); null unmutes. */
  onMute: (until: string | null) => void;
}) {
  const me = useChatState((s) => s.me);
  const presence = useChatState((s) => s.presence);
  const now = useNow(30_000);
  const { conversation } = props.entry;
  const title = titleOf(conversation, me);
  const peer = peerOf(conversation, me);
  const calls = useCalls();
  const [choosingMute, setChoosingMute] = useState(false);
  const muted = isMuted(conversation, now);
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
          {muted && <MutedIcon className={styles.muted} />}
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
        items={[
          muted
            ? { label: 'Unmute', testId: 'unmute', onSelect: () => props.onMute(null) }
            : { label: 'Mute notifications…', testId: 'mute-menu', onSelect: () => setChoosingMute(true) },
          { label: 'Clear conversation', testId: 'clear-conversation', danger: true, onSelect: props.onClear },
        ]}
      />
      {choosingMute && (
        <MuteDialog
          onClose={() => setChoosingMute(false)}
          onPick={(until) => {
            setChoosingMute(false);
            props.onMute(until);
          }}
        />
      )}
    </header>
  );
}

/** "Until I turn it back on": a time no one will see pass. */
export const MUTED_FOREVER = '9999-12-31T23:59:59Z';
const HOUR = 60 * 60_000;
const MUTE_CHOICES = [
  { testId: 'mute-1h', label: '1 hour', ms: HOUR },
  { testId: 'mute-8h', label: '8 hours', ms: 8 * HOUR },
  { testId: 'mute-1w', label: '1 week', ms: 7 * 24 * HOUR },
  { testId: 'mute-always', label: 'Until I turn it back on', ms: null },
];

/** How long to mute a chat's notifications (its unread count goes on all the same). */
function MuteDialog({ onClose, onPick }: { onClose: () => void; onPick: (until: string) => void }) {
  return (
    <Dialog title="Mute notifications" onClose={onClose} testId="mute-dialog">
      <p className={cx(text.muted, text.small)}>No notifications from this chat, except when someone mentions you.</p>
      <div className={styles.muteChoices}>
        {MUTE_CHOICES.map((choice) => (
          <button
            key={choice.testId}
            type="button"
            className={button()}
            data-testid={choice.testId}
            onClick={() => onPick(choice.ms === null ? MUTED_FOREVER : new Date(Date.now() + choice.ms).toISOString())}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </Dialog>
  );
}
