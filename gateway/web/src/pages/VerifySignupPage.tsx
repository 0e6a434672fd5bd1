import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { ExpiryCountdown } from '../account/ExpiryCountdown';
import { isSixDigits, OtpCodeField } from '../account/OtpCodeField';
import { useOtpDeadlines } from '../account/otpDeadlines';
import { ResendCodeButton } from '../account/ResendCodeButton';
import { useResendCode } from '../account/useResendCode';
import { useAuth, useCurrentSession } from '../auth/services';
import { FormAlert, placeError, type ErrorPlacement } from '../components/FormAlert';
import { formatClock } from '../hooks/useCountdown';
import { useRetryAfter } from '../hooks/useRetryAfter';

const PLACEMENT: ErrorPlacement = { fields: ['code'], context: 'signup-verify' };
/** Codes after which this code can never work: only a new one helps. */
const DEAD_CODE = new Set(['OTP_EXPIRED', 'OTP_TOO_MANY_ATTEMPTS']);

/** Second sign-up step, `/signup/verify?email=…`: the 6-digit code e-mailed to that address. 201 signs in. */
export function VerifySignupPage() {
  const [params] = useSearchParams();
  const email = params.get('email')?.trim() ?? '';
  const session = useCurrentSession();
  if (session) return <Navigate to="/" replace />;
  if (!email) return <Navigate to="/signup" replace />;
  return <VerifySignupForm email={email} />;
}

function VerifySignupForm({ email }: { email: string }) {
  const auth = useAuth();
  const otp = useOtpDeadlines();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  const retry = useRetryAfter();
  const resender = useResendCode(email, 'SIGNUP', otp, {
    onStart: () => {
      setError(null);
      setResent(false);
    },
    onSent: () => {
      setDead(false);
      setResent(true);
      setCode('');
    },
    onError: setError,
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isSixDigits(code)) {
      setCodeError('Enter the 6-digit code from the e-mail.');
      return;
    }
    setCodeError(undefined);
    setBusy(true);
    setError(null);
    setResent(false);
    try {
      await auth.verifySignup(email, code); // signed in: this page redirects to `/`
    } catch (e) {
      setError(e);
      retry.note(e);
      if (e instanceof ApiError && (DEAD_CODE.has(e.code) || (e.code === 'OTP_INVALID' && e.attemptsLeft === 0))) {
        setDead(true);
      }
      setBusy(false);
    }
  }

  const placed = placeError(error, PLACEMENT);
  const usernameTaken = error instanceof ApiError && error.code === 'USERNAME_TAKEN';

  return (
    <section className="panel narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">Check your e-mail</h1>
      <p>
        We sent a 6-digit code to <strong>{email}</strong>.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <OtpCodeField value={code} onChange={setCode} error={codeError ?? placed.fields.code} />
        <ExpiryCountdown expiresAt={otp.expiresAt} />
        <FormAlert message={placed.form}>
          {usernameTaken && (
            <p>
              <Link to="/signup" state={{ email }}>
                Back to sign-up
              </Link>
            </p>
          )}
        </FormAlert>
        {resent && (
          <p className="alert alert-info" role="status">
            We sent a new code to {email}.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" data-testid="otp-submit" disabled={busy || dead || retry.wait > 0}>
            {busy ? 'Verifying…' : retry.wait > 0 ? `Try again in ${formatClock(retry.wait)}` : 'Verify'}
          </button>
          <ResendCodeButton resendAt={otp.resendAt} busy={resender.sending} onResend={resender.resend} />
        </div>
      </form>
      <p className="muted">
        Wrong address?{' '}
        <Link to="/signup">Use a different e-mail</Link>
      </p>
    </section>
  );
}
