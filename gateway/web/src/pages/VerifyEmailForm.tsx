import { useState, type FormEvent } from 'react';
import { resendSignupCode, verifySignup } from '../auth/authApi';
import { Field } from '../components/Field';
import { FormAlert, fieldError } from '../components/FormAlert';

/** Second signup step: the 6-digit code e-mailed to `email`. Success signs in. */
export function VerifyEmailForm({ email, onBack }: { email: string; onBack: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    void run(() => verifySignup(email, code));
  }

  return (
    <section className="panel narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">Check your e-mail</h1>
      <p>
        We sent a 6-digit code to <strong>{email}</strong>.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="Code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          error={fieldError(error, 'code')}
        />
        <FormAlert error={error} fields={['code']} />
        {resent && !error && <p className="alert alert-info">A new code is on its way.</p>}
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            Verify
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => resendSignupCode(email).then(() => setResent(true)))}
          >
            Send a new code
          </button>
          <button type="button" className="button link" onClick={onBack}>
            Use a different e-mail
          </button>
        </div>
      </form>
    </section>
  );
}
