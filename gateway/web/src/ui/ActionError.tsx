import { cx } from './styles/classes';
import styles from './ActionError.module.css';

/** The failure of the last action on a row or a screen (see `useAction`); nothing when there is none. */
export function ActionError({ message, className }: { message: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p className={cx(styles.error, className)} role="alert" data-testid="action-error">
      {message}
    </p>
  );
}
