import { useCallback, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { OtpSent } from '../../auth/authApi';

/** When the e-mailed code stops working and when another may be sent (epoch ms; null = unknown). */
export interface OtpDeadlines {
  expiresAt: number | null;
  resendAt: number | null;
}

/** Navigation state of the code-entry pages; kept in history, so it survives a reload. */
export interface OtpPageState {
  otp?: OtpDeadlines;
}

export function deadlinesFrom(sent: OtpSent, now = Date.now()): OtpDeadlines {
  return { expiresAt: now + sent.expiresInSeconds * 1000, resendAt: now + sent.resendAfterSeconds * 1000 };
}

function readState(state: unknown): OtpDeadlines {
  const otp = (state as OtpPageState | null)?.otp;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return { expiresAt: num(otp?.expiresAt), resendAt: num(otp?.resendAt) };
}

/**
 * The code's deadlines for a code-entry page, read from (and written back to) the history entry:
 * `sent` after a resend, `coolDown` after a 429 that says how long to wait.
 */
export function useOtpDeadlines() {
  const location = useLocation();
  const navigate = useNavigate();
  const [deadlines, setDeadlines] = useState<OtpDeadlines>(() => readState(location.state));

  const save = useCallback(
    (next: OtpDeadlines) => {
      setDeadlines(next);
      const state: OtpPageState = { ...(location.state as object | null), otp: next };
      void navigate(
        { pathname: location.pathname, search: location.search, hash: location.hash },
        { replace: true, state },
      );
    },
    [location, navigate],
  );

  return {
    ...deadlines,
    sent: (sent: OtpSent) => save(deadlinesFrom(sent)),
    coolDown: (seconds: number) => save({ ...deadlines, resendAt: Date.now() + seconds * 1000 }),
  };
}
