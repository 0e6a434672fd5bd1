import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { signup } from '../auth/authApi';
import { useSession } from '../auth/session';
import { Field } from '../components/Field';
import { FormAlert, fieldError } from '../components/FormAlert';
import { VerifyEmailForm } from './VerifyEmailForm';

const FIELDS = ['email', 'username', 'displayName', 'password'];

export function SignupPage() {
  const session = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);

  if (session) return <Navigate to="/" replace />;
  if (pendingEmail) return <VerifyEmailForm email={pendingEmail} onBack={() => setPendingEmail(null)} />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [email, username, displayName, password] = FIELDS.map((f) => String(form.get(f) ?? ''));
    setBusy(true);
    setError(null);
    try {
      await signup({ email, username, displayName, password });
      setPendingEmail(email);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Create your account</h1>
      <form onSubmit={onSubmit} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required error={fieldError(error, 'email')} />
        <Field label="Username" name="username" autoComplete="username" required error={fieldError(error, 'username')} />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="name"
          required
          error={fieldError(error, 'displayName')}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={fieldError(error, 'password')}
        />
        <FormAlert error={error} fields={FIELDS} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
