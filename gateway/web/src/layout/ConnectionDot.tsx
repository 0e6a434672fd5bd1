import { useServices } from '../auth/services';
import { useSocketStatus, type SocketStatus } from '../socket/socket';

const LABELS: Record<SocketStatus, string> = {
  open: 'Connected',
  connecting: 'Connecting…',
  closed: 'Offline',
};

export function ConnectionDot() {
  const status = useSocketStatus(useServices().socket);
  return (
    <span className="connection" role="status" title={`Live connection: ${LABELS[status]}`}>
      <span className={`dot dot-${status}`} aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
