import { formatClock, useSecondsUntil } from '../../hooks/useCountdown';
import { fieldErrorClass } from '../../ui/form/Field';
import { cx, text } from '../../ui/styles/classes';

/** "The code expires in mm:ss", counting down each second; nothing when the expiry is unknown. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number | null }) {
  const left = useSecondsUntil(expiresAt);
  if (expiresAt === null) return null;
  return (
    <p className={left > 0 ? cx(text.muted, text.small) : fieldErrorClass} data-testid="otp-expiry">
      {left > 0 ? (
        <>
          The code expires in <time dateTime={`PT${left}S`}>{formatClock(left)}</time>.
        </>
      ) : (
        'The code has expired. Use “Resend code” to get a new one.'
      )}
    </p>
  );
}
