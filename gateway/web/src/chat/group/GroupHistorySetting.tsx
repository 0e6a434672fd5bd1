import { useState } from 'react';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../../ui/ActionError';
import { cx, text } from '../../ui/styles/classes';
import { useChatStore } from '../store/ChatProvider';
import type { Conversation } from '../store/types';
import styles from './GroupHistorySetting.module.css';

/** Unless the group says otherwise, people added later start from when they join (as the server does). */
export const newMembersSeeHistory = (conversation: Conversation) => conversation.newMembersSeeHistory === true;

/** The hint under "Add friends": what the people being added will see. */
export const addHint = (conversation: Conversation) =>
  newMembersSeeHistory(conversation)
    ? 'They will see earlier messages too.'
    : 'They will see messages from when they join.';

/**
 * Whether people added later see earlier messages: a checkbox for admins, saved at once (showing the asked-for
 * value while saving, the answer's once saved, the old one again if refused); a line of text for the others.
 */
export function GroupHistorySetting({ conversation }: { conversation: Conversation }) {
  const store = useChatStore();
  const { busy, error, run } = useAction('chat');
  const [asked, setAsked] = useState<boolean | null>(null);
  const current = newMembersSeeHistory(conversation);

  if (conversation.myRole !== 'ADMIN') {
    return (
      <p className={cx(styles.setting, text.muted, text.small)} data-testid="group-history-text">
        {current ? 'New members see earlier messages too' : 'New members see messages from when they join'}
      </p>
    );
  }

  async function change(value: boolean) {
    setAsked(value);
    await run(() => store.setNewMembersSeeHistory(conversation.id, value));
    setAsked(null);
  }

  return (
    <div className={styles.setting} data-testid="group-history-setting">
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          data-testid="group-history"
          checked={asked ?? current}
          disabled={busy}
          onChange={(event) => void change(event.target.checked)}
        />
        New members can see earlier messages
      </label>
      <ActionError message={error} />
    </div>
  );
}
