import { formatClock, useSecondsUntil } from '../../hooks/useCountdown';

/** "The code expires in mm:ss", counting down each second; nothing when the expiry is unknown. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: number | null }) {
  const left = useSecondsUntil(expiresAt);
  if (expiresAt === null) return null;
  return (
    <p className={left > 0 ? 'muted small' : 'field-error'} data-testid="otp-expiry">
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
