import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { deadlinesFrom, type OtpPageState } from '../account/otpDeadlines';
import { useAuth } from '../auth/services';
import { Field } from '../components/Field';
import { FormAlert, placeError, type ErrorPlacement } from '../components/FormAlert';
import { formatClock } from '../hooks/useCountdown';
import { useRetryAfter } from '../hooks/useRetryAfter';

const PLACEMENT: ErrorPlacement = { fields: ['email'] };

/** Asks for a password-reset code; a 202 (always, account or not) continues at `/reset-password?email=…`. */
export function ForgotPasswordPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const retry = useRetryAfter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const state: OtpPageState = { otp: deadlinesFrom(await auth.forgotPassword(email)) };
      void navigate(`/reset-password?email=${encodeURIComponent(email)}`, { state });
    } catch (e) {
      setError(e);
      retry.note(e);
      setBusy(false);
    }
  }

  const placed = placeError(retry.stale(error) ? null : error, PLACEMENT);

  return (
    <section className="panel narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      <p className="muted">Enter the e-mail address of your account and we will send you a 6-digit code.</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required error={placed.fields.email} />
        <FormAlert message={placed.form} />
        <button type="submit" className="button primary" data-testid="forgot-submit" disabled={busy || retry.wait > 0}>
          {busy ? 'Sending…' : retry.wait > 0 ? `Try again in ${formatClock(retry.wait)}` : 'Send code'}
        </button>
      </form>
      <p className="muted">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
