import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAction } from '../../hooks/useAction';
import { usePeople } from '../../people/store/PeopleProvider';
import { ActionError } from '../../ui/ActionError';
import { Avatar } from '../../ui/Avatar';
import { IdentityText } from '../../ui/IdentityText';
import { button, cx, panel, text } from '../../ui/styles/classes';
import { useChatState, useChatStore } from '../store/ChatProvider';
import type { ConversationEntry } from '../store/chatState';
import { nameOf } from '../store/selectors';
import { FriendChecklist } from './FriendChecklist';
import { addHint, GroupHistorySetting } from './GroupHistorySetting';
import { MAX_TITLE_LENGTH } from './NewGroupDialog';
import styles from './GroupInfoPanel.module.css';

/**
 * Members and their roles, and what people added later see; admins rename, change that, add friends and remove
 * members; anyone leaves.
 */
export function GroupInfoPanel({ entry, onClose }: { entry: ConversationEntry; onClose: () => void }) {
  const store = useChatStore();
  const me = useChatState((s) => s.me);
  const friends = usePeople((s) => s.friends);
  const navigate = useNavigate();
  const { busy, error, run } = useAction('chat');
  const { conversation } = entry;
  const admin = conversation.myRole === 'ADMIN';
  const [title, setTitle] = useState(conversation.title ?? '');
  const [adding, setAdding] = useState<Set<string> | null>(null);

  const memberIds = new Set(conversation.members.map((m) => m.user.id));
  const candidates = friends.map((f) => f.user).filter((u) => !memberIds.has(u.id));

  function rename(event: FormEvent) {
    event.preventDefault();
    const next = title.trim();
    if (next && next !== conversation.title) void run(() => store.rename(conversation.id, next));
  }

  async function addSelected() {
    if (!adding || adding.size === 0) return;
    if (await run(() => store.addMembers(conversation.id, [...adding]))) setAdding(null);
  }

  async function leave() {
    if (await run(() => store.leave(conversation.id))) void navigate('/chats', { replace: true });
  }

  return (
    <aside className={styles.panel} aria-labelledby="group-info-title" data-testid="group-info-panel">
      <header className={styles.header}>
        <h2 id="group-info-title">Group info</h2>
        <button type="button" className={button('icon')} aria-label="Close group info" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      {admin && (
        <form className={styles.rename} onSubmit={rename}>
          <label htmlFor="group-rename-input">Group name</label>
          <div className={styles.inline}>
            <input
              id="group-rename-input"
              data-testid="group-rename"
              value={title}
              maxLength={MAX_TITLE_LENGTH}
              onChange={(event) => setTitle(event.target.value)}
            />
            <button
              type="submit"
              className={button('small')}
              data-testid="group-rename-save"
              disabled={busy || !title.trim()}
            >
              Save
            </button>
          </div>
        </form>
      )}
      <GroupHistorySetting conversation={conversation} />
      <h3>Members ({conversation.members.length})</h3>
      <ul className={styles.members}>
        {conversation.members.map(({ user, role }) => (
          <li
            key={user.id}
            className={styles.member}
            data-testid="group-member"
            data-user-id={user.id}
            data-role={role}
          >
            <Avatar user={user} size="sm" />
            <IdentityText
              className={styles.memberText}
              name={
                <>
                  {nameOf(user)}
                  {user.id === me && ' (you)'}
                </>
              }
              handle={role === 'ADMIN' ? 'Admin' : 'Member'}
            />
            {admin && user.id !== me && (
              <button
                type="button"
                className={button('small', 'danger')}
                data-testid="group-remove"
                aria-label={`Remove ${nameOf(user)}`}
                disabled={busy}
                onClick={() => void run(() => store.removeMember(conversation.id, user.id))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {admin &&
        (adding ? (
          <div>
            <FriendChecklist legend="Add friends" friends={candidates} selected={adding} onChange={setAdding} />
            <p className={cx(styles.addHint, text.muted, text.small)} data-testid="group-add-hint">
              {addHint(conversation)}
            </p>
            <div className={panel.actions}>
              <button
                type="button"
                className={button('primary', 'small')}
                data-testid="group-add-confirm"
                disabled={busy || adding.size === 0}
                onClick={() => void addSelected()}
              >
                Add
              </button>
              <button type="button" className={button('small')} onClick={() => setAdding(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className={button('small')}
            data-testid="group-add"
            onClick={() => setAdding(new Set())}
          >
            Add members
          </button>
        ))}
      <ActionError message={error} />
      <button
        type="button"
        className={cx(button('danger'), styles.leave)}
        data-testid="group-leave"
        disabled={busy}
        onClick={() => void leave()}
      >
        Leave group
      </button>
    </aside>
  );
}
