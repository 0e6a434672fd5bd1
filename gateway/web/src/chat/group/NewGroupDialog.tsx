import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { messageFor } from '../../api/messages';
import { chatPath } from '../../app/routes';
import { usePeople } from '../../people/store/PeopleProvider';
import { Dialog } from '../../ui/Dialog';
import { Field, fieldErrorClass } from '../../ui/form/Field';
import { FormAlert } from '../../ui/form/FormAlert';
import { button, panel } from '../../ui/styles/classes';
import { useChatStore } from '../store/ChatProvider';
import { FriendChecklist } from './FriendChecklist';

export const MAX_TITLE_LENGTH = 100;

/** A title and a checklist of friends; creates the group (I become its admin) and opens it. */
export function NewGroupDialog({ onClose }: { onClose: () => void }) {
  const store = useChatStore();
  const friends = usePeople((s) => s.friends);
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const trimmed = title.trim();
  const titleError = error instanceof ApiError ? error.fieldError('title') : undefined;
  const membersError = error instanceof ApiError ? error.fieldError('memberIds') : undefined;
  const formError = error && !titleError && !membersError ? messageFor(error, 'chat') : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!trimmed || members.size === 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      const conversation = await store.createGroup(trimmed, [...members]);
      onClose();
      void navigate(chatPath(conversation.id));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Dialog title="New group" onClose={onClose} testId="new-group-dialog">
      <form onSubmit={(event) => void submit(event)}>
        <Field
          label="Group name"
          name="title"
          data-testid="group-title"
          value={title}
          maxLength={MAX_TITLE_LENGTH}
          required
          error={titleError}
          onChange={(event) => setTitle(event.target.value)}
        />
        <FriendChecklist
          legend="Members"
          friends={friends.map((f) => f.user)}
          selected={members}
          onChange={setMembers}
        />
        {membersError && <p className={fieldErrorClass}>{membersError}</p>}
        <FormAlert message={formError} />
        <div className={panel.actions}>
          <button
            type="submit"
            className={button('primary')}
            data-testid="create-group"
            disabled={!trimmed || members.size === 0 || busy}
          >
            {busy ? 'Creating…' : 'Create group'}
          </button>
          <button type="button" className={button()} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
