import { button } from '../ui/styles/classes';

/** The relationship actions' buttons: test id, text, primary or not, and the accessible name for person `name`. */
const ACTIONS = {
  add: { testId: 'add-friend', text: 'Add friend', primary: true, label: (n: string) => `Add ${n} as a friend` },
  accept: {
    testId: 'accept-request',
    text: 'Accept',
    primary: true,
    label: (n: string) => `Accept ${n}'s friend request`,
  },
  decline: {
    testId: 'decline-request',
    text: 'Decline',
    primary: false,
    label: (n: string) => `Decline ${n}'s friend request`,
  },
  cancel: {
    testId: 'cancel-request',
    text: 'Cancel',
    primary: false,
    label: (n: string) => `Cancel the friend request to ${n}`,
  },
  unblock: { testId: 'unblock', text: 'Unblock', primary: false, label: (n: string) => `Unblock ${n}` },
} as const;

export type PersonAction = keyof typeof ACTIONS;

/** One small button acting on a person (`name` is how they are called in its accessible name). */
export function ActionButton({
  action,
  name,
  disabled,
  onClick,
}: {
  action: PersonAction;
  name: string;
  disabled: boolean;
  onClick: () => void;
}) {
  const { testId, text, primary, label } = ACTIONS[action];
  return (
    <button
      type="button"
      className={primary ? button('primary', 'small') : button('small')}
      data-testid={testId}
      aria-label={label(name)}
      disabled={disabled}
      onClick={onClick}
    >
      {text}
    </button>
  );
}
