import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { PASSWORD_RESET_NOTICE, PASSWORDS_DIFFER } from '../api/messages';
import { ExpiryCountdown } from '../account/ExpiryCountdown';
import { isSixDigits, OtpCodeField } from '../account/OtpCodeField';
import { useOtpDeadlines } from '../account/otpDeadlines';
import { ResendCodeButton } from '../account/ResendCodeButton';
import { useResendCode } from '../account/useResendCode';
import type { LoginState } from '../auth/RequireAuth';
import { useAuth } from '../auth/services';
import { Field, PASSWORD_HINT } from '../components/Field';
import { FormAlert, placeError, type ErrorPlacement } from '../components/FormAlert';
import { formatClock } from '../hooks/useCountdown';
import { useRetryAfter } from '../hooks/useRetryAfter';

const PLACEMENT: ErrorPlacement = {
  fields: ['code', 'newPassword'],
  byCode: { WEAK_PASSWORD: 'newPassword' },
  aliases: { password: 'newPassword' },
};
const DEAD_CODE = new Set(['OTP_EXPIRED', 'OTP_TOO_MANY_ATTEMPTS']);

/** `/reset-password?email=…`: the e-mailed code and a new password. 204 signs out everywhere -> /login. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const email = params.get('email')?.trim() ?? '';
  if (!email) return <Navigate to="/forgot-password" replace />;
  return <ResetPasswordForm email={email} />;
}

function ResetPasswordForm({ email }: { email: string }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const otp = useOtpDeadlines();
  const [code, setCode] = useState('');
  const [local, setLocal] = useState<{ code?: string; confirmPassword?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dead, setDead] = useState(false);
  const [resent, setResent] = useState(false);
  const retry = useRetryAfter();
  const resender = useResendCode(email, 'PASSWORD_RESET', otp, {
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
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword') ?? '');
    const checks = {
      code: isSixDigits(code) ? undefined : 'Enter the 6-digit code from the e-mail.',
      confirmPassword: newPassword === String(form.get('confirmPassword') ?? '') ? undefined : PASSWORDS_DIFFER,
    };
    setLocal(checks);
    if (checks.code || checks.confirmPassword) return;
    setBusy(true);
    setError(null);
    setResent(false);
    try {
      await auth.resetPassword(email, code, newPassword);
      const state: LoginState = { notice: PASSWORD_RESET_NOTICE };
      void navigate('/login', { replace: true, state });
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

  return (
    <section className="panel narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <p>
        If an account uses <strong>{email}</strong>, we sent it a 6-digit code.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <OtpCodeField value={code} onChange={setCode} error={local.code ?? placed.fields.code} />
        <ExpiryCountdown expiresAt={otp.expiresAt} />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={placed.fields.newPassword}
        />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={local.confirmPassword}
        />
        <FormAlert message={placed.form} />
        {resent && (
          <p className="alert alert-info" role="status">
            If an account uses {email}, we sent it a new code.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" data-testid="reset-submit" disabled={busy || dead || retry.wait > 0}>
            {busy ? 'Saving…' : retry.wait > 0 ? `Try again in ${formatClock(retry.wait)}` : 'Set new password'}
          </button>
          <ResendCodeButton resendAt={otp.resendAt} busy={resender.sending} onResend={resender.resend} />
        </div>
      </form>
      <p className="muted">
        <Link to="/forgot-password">Use a different e-mail</Link>
      </p>
    </section>
  );
}
