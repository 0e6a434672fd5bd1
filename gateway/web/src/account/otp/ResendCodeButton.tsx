import { formatClock, useSecondsUntil } from '../../hooks/useCountdown';
import { button } from '../../ui/styles/classes';

/** "Resend code", disabled with its own countdown until `resendAt` (epoch ms) has passed. */
export function ResendCodeButton({
  resendAt,
  busy,
  onResend,
}: {
  resendAt: number | null;
  busy: boolean;
  onResend: () => void;
}) {
  const wait = useSecondsUntil(resendAt);
  return (
    <button type="button" className={button()} data-testid="otp-resend" disabled={busy || wait > 0} onClick={onResend}>
      {wait > 0 ? `Resend code in ${formatClock(wait)}` : 'Resend code'}
    </button>
  );
}
