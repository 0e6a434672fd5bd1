import { useNavigate } from 'react-router';
import { chatPath } from '../app/routes';
import { useAction } from '../hooks/useAction';
import { ActionError } from '../ui/ActionError';
import { button } from '../ui/styles/classes';
import { useChatStore } from './store/ChatProvider';

/**
 * "Message": opens (or creates) the direct conversation with a friend and goes to it. `compact` shows an icon;
 * `errorClassName` places (or hides) the error of a failed try.
 */
export function OpenChatButton({
  userId,
  name,
  compact = false,
  errorClassName,
}: {
  userId: string;
  name: string;
  compact?: boolean;
  errorClassName?: string;
}) {
  const store = useChatStore();
  const navigate = useNavigate();
  const { busy, error, run } = useAction('chat');
  async function open() {
    let id: string | undefined;
    if ((await run(async () => (id = (await store.openDirect(userId)).id))) && id) void navigate(chatPath(id));
  }
  return (
    <>
      <button
        type="button"
        className={compact ? button('icon', 'ghost') : button('small')}
        data-testid="open-chat"
        aria-label={`Message ${name}`}
        title={`Message ${name}`}
        disabled={busy}
        onClick={() => void open()}
      >
        {compact ? <BubbleIcon /> : 'Message'}
      </button>
      <ActionError message={error} className={errorClassName} />
    </>
  );
}

/** A speech bubble (an inline icon: emoji fonts are missing on some systems). */
function BubbleIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
