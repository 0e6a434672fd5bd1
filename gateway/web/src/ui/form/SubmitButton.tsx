import type { ReactNode } from 'react';
import { formatClock } from '../../hooks/useCountdown';
import { button } from '../styles/classes';

/**
 * A form's primary submit button: `busyLabel` while the request runs, "Try again in mm:ss" while a 429 locks it
 * (`wait` seconds left), otherwise `children`. `disabled` adds a reason of the form's own to keep it off.
 */
export function SubmitButton({
  testId,
  busy,
  wait,
  busyLabel,
  disabled = false,
  children,
}: {
  testId: string;
  busy: boolean;
  wait: number;
  busyLabel: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button type="submit" className={button('primary')} data-testid={testId} disabled={busy || disabled || wait > 0}>
      {busy ? busyLabel : wait > 0 ? `Try again in ${formatClock(wait)}` : children}
    </button>
  );
}
