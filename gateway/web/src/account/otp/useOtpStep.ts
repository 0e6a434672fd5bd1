import { useState } from 'react';
import { ApiError } from '../../api/errors';
import type { ResendRequest } from '../../auth/authApi';
import { useSubmit } from '../../hooks/useSubmit';
import { useOtpDeadlines } from './otpDeadlines';
import { useResendCode } from './useResendCode';

/** Codes after which this code can never work: only a new one helps. */
const DEAD_CODE = new Set(['OTP_EXPIRED', 'OTP_TOO_MANY_ATTEMPTS']);

export const isDeadCode = (e: unknown) =>
  e instanceof ApiError && (DEAD_CODE.has(e.code) || (e.code === 'OTP_INVALID' && e.attemptsLeft === 0));

/**
 * The state of a code-entry page: the code typed so far, its deadlines, the submit (`verify(call)`) and
 * "Resend code". A dead code keeps the submit button off until a new code has been sent.
 */
export function useOtpStep(resend: ResendRequest) {
  const otp = useOtpDeadlines();
  const [code, setCode] = useState('');
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  const submit = useSubmit();
  const resender = useResendCode(resend, otp, {
    onStart: () => {
      submit.setError(null);
      setResent(false);
    },
    onSent: () => {
      setDead(false);
      setResent(true);
      setCode('');
    },
    onError: submit.setError,
  });

  function verify(call: () => Promise<unknown>) {
    setResent(false);
    return submit.run(call, (e) => {
      if (isDeadCode(e)) setDead(true);
    });
  }

  return {
    otp,
    code,
    setCode,
    dead,
    resent,
    resender,
    verify,
    error: submit.error,
    busy: submit.busy,
    wait: submit.wait,
  };
}

export type OtpStep = ReturnType<typeof useOtpStep>;
