import { useState } from 'react';
import type { ResendRequest } from '../../auth/authApi';
import { useAuth } from '../../auth/services';
import { DEFAULT_RETRY_AFTER_SECONDS, isTooManyRequests } from '../../hooks/useRetryAfter';
import type { useOtpDeadlines } from './otpDeadlines';

/**
 * "Resend code" for a code-entry page. A 202 restarts both countdowns; a 429 (OTP_COOLDOWN, or the hourly
 * RATE_LIMITED) keeps the button disabled until its `retryAfterSeconds` have passed.
 */
export function useResendCode(
  request: ResendRequest,
  otp: ReturnType<typeof useOtpDeadlines>,
  handlers: { onStart: () => void; onSent: () => void; onError: (error: unknown) => void },
) {
  const auth = useAuth();
  const [sending, setSending] = useState(false);

  async function resend() {
    setSending(true);
    handlers.onStart();
    try {
      otp.sent(await auth.resendCode(request));
      handlers.onSent();
    } catch (error) {
      if (isTooManyRequests(error)) otp.coolDown(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      handlers.onError(error);
    } finally {
      setSending(false);
    }
  }

  return { sending, resend: () => void resend() };
}
