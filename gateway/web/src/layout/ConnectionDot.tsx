import { useServices } from '../auth/services';
import { useSocketStatus, type SocketStatus } from '../socket/socket';
import { cx } from '../ui/styles/classes';
import styles from './ConnectionDot.module.css';

const LABELS: Record<SocketStatus, string> = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Offline',
};

/**
 * The live connection's state. The plain `connection` class stays for the browser tests that read it
 * (`.connection`); new ones should use `data-testid="connection"`.
 */
export function ConnectionDot() {
  const status = useSocketStatus(useServices().socket);
  return (
    <span
      className={cx('connection', styles.connection)}
      role="status"
      title={`Live connection: ${LABELS[status]}`}
      data-testid="connection"
      data-status={status}
    >
      <span className={cx(styles.dot, status !== 'closed' && styles[status])} aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
