import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { cx, text } from './styles/classes';
import styles from './IdentityText.module.css';

/**
 * A person's name over a grey second line (their @username, or their role): the name is a link when `to` is
 * given. `className` and `handleClassName` let a list adjust them.
 */
export function IdentityText({
  name,
  handle,
  to,
  className,
  handleClassName,
}: {
  name: ReactNode;
  handle: ReactNode;
  to?: string;
  className?: string;
  handleClassName?: string;
}) {
  return (
    <span className={cx(styles.text, className)}>
      {to ? (
        <Link className={styles.name} to={to}>
          {name}
        </Link>
      ) : (
        <span className={styles.name}>{name}</span>
      )}
      <span className={cx(styles.handle, text.muted, handleClassName)}>{handle}</span>
    </span>
  );
}

/** The look of a handle on its own (e.g. under a profile's heading). */
export const handleClass = styles.handle;
