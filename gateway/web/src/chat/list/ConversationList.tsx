import { useState } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { chatPath } from '../../app/routes';
import { useNow } from '../../hooks/useNow';
import { alert, button, cx, text } from '../../ui/styles/classes';
import { ChatAvatar } from '../ChatAvatar';
import { listTime } from '../format';
import { NewGroupDialog } from '../group/NewGroupDialog';
import { MutedIcon } from '../MutedIcon';
import { NotifyPrompt } from '../NotifyPrompt';
import { MessageSearchBox, MessageSearchResults } from '../search/MessageSearch';
import { useMessageSearch } from '../search/useMessageSearch';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { isMuted, nameOf, previewOf, sortedConversations, titleOf } from '../store/selectors';
import styles from './ConversationList.module.css';

/**
 * The conversations, most recent first, with a "New group" button and the message search (whose results take the
 * list's place while it is open; they stay while a result's chat is open beside them).
 */
export function ConversationList({ className }: { className?: string }) {
  const store = useChatStore();
  const state = useChatState();
  const [creating, setCreating] = useState(false);
  const search = useMessageSearch();
  const entries = sortedConversations(state);
  const now = useNow(60_000);

  let body;
  if (entries.length > 0) {
    body = (
      <ul className={styles.list} data-testid="conversation-list">
        {entries.map((entry) => (
          <ConversationItem key={entry.conversation.id} entry={entry} now={now} />
        ))}
      </ul>
    );
  } else if (state.status === 'loading') {
    body = <p className={cx(text.muted, text.small, styles.note)}>Loading…</p>;
  } else if (state.status === 'error') {
    body = (
      <p className={cx(alert('error'), styles.note)} role="alert">
        Your chats could not be loaded.{' '}
        <button type="button" className={button('link')} onClick={() => void store.reload()}>
          Try again
        </button>
      </p>
    );
  } else {
    body = (
      <p className={cx(text.muted, text.small, styles.note)} data-testid="conversations-empty">
        No chats yet. Open a friend&apos;s profile or the <Link to="/friends">Friends</Link> page and press Message.
      </p>
    );
  }

  return (
    <section className={cx(styles.conversations, className)} aria-labelledby="conversations-title">
      <header className={styles.header}>
        <h1 id="conversations-title">Chats</h1>
        <button type="button" className={button('small')} data-testid="new-group" onClick={() => setCreating(true)}>
          New group
        </button>
      </header>
      <NotifyPrompt />
      <MessageSearchBox search={search} />
      {search.results ? <MessageSearchResults search={search} /> : body}
      {creating && <NewGroupDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function ConversationItem({ entry, now }: { entry: ConversationEntry; now: number }) {
  const me = useChatState((s) => s.me);
  const presence = useChatState((s) => s.presence);
  const { conversation } = entry;
  const draft = useChatState((s) => s.drafts[conversation.id]);
  const openId = useParams().conversationId;
  // Like WhatsApp: a chat left with something typed says so, in place of its last message (not the open one).
  const showDraft = draft !== undefined && openId !== conversation.id;
  const title = titleOf(conversation, me);
  const last = conversation.lastMessage;
  const unread = conversation.unreadCount ?? 0;
  const mentions = conversation.unreadMentions ?? 0;
  // Neither a deleted message nor one from someone I blocked names its sender.
  const muted = last?.deleted || last?.senderBlocked;
  const sender = last && !muted ? conversation.members.find((m) => m.user.id === last.senderId) : undefined;
  const author = last?.senderId === me ? 'You' : conversation.kind === 'GROUP' && sender ? nameOf(sender.user) : null;
  return (
    <li>
      <NavLink
        to={chatPath(conversation.id)}
        className={styles.item}
        data-testid="conversation-item"
        data-conversation-id={conversation.id}
      >
        <ChatAvatar conversation={conversation} me={me} presence={presence} title={title} />
        <span className={styles.text}>
          <span className={styles.top}>
            <span className={styles.title} data-testid="conversation-title">
              {title}
            </span>
            {isMuted(conversation, now) && <MutedIcon className={styles.mutedIcon} />}
            <time className={cx(styles.time, text.muted)} dateTime={last?.createdAt ?? conversation.lastActivityAt}>
              {listTime(last?.createdAt ?? conversation.lastActivityAt, now)}
            </time>
          </span>
          <span className={styles.bottom}>
            {showDraft ? (
              <span className={cx(styles.preview, text.muted)} data-testid="conversation-draft">
                <span className={styles.draft}>Draft: </span>
                {draft.trim().replace(/\s+/g, ' ')}
              </span>
            ) : (
              <span className={cx(styles.preview, text.muted, muted && styles.deleted)}>
                {author && <span data-testid="preview-author">{author}: </span>}
                <span data-testid="conversation-preview">{previewOf(last, me)}</span>
              </span>
            )}
            {mentions > 0 && (
              <span
                className={cx(text.count, styles.unread, styles.mention)}
                data-testid="mention-badge"
                aria-label={mentions === 1 ? 'You were mentioned' : `You were mentioned ${mentions} times`}
                title="You were mentioned"
              >
                @
              </span>
            )}
            {unread > 0 && (
              <span
                className={cx(text.count, styles.unread)}
                data-testid="unread-badge"
                aria-label={`${unread} unread`}
              >
                {unread}
              </span>
            )}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
