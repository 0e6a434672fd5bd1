import { cx, text } from './styles/classes';
import styles from './CountBadge.module.css';

/** A count on a link ("3"), with the words a screen reader says instead (`, 3 unread`); nothing for 0. */
export function CountBadge({ count, testId, spoken }: { count: number; testId: string; spoken: string }) {
  if (count === 0) return null;
  return (
    <>
      <span className={cx(text.count, styles.badge)} data-testid={testId} aria-hidden="true">
        {count}
      </span>
      <span className={text.visuallyHidden}>, {spoken}</span>
    </>
  );
}
