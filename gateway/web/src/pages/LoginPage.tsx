import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { login } from '../auth/authApi';
import { useSession } from '../auth/session';
import { Field } from '../components/Field';
import { FormAlert, fieldError } from '../components/FormAlert';

export function LoginPage() {
  const session = useSession();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const expired = (location.state as { expired?: boolean } | null)?.expired === true;

  if (session) return <Navigate to="/" replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await login(String(form.get('login')), String(form.get('password')));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <section className="panel narrow" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {expired && !error && <p className="alert alert-info">Your session has ended. Please sign in again.</p>}
      <form onSubmit={onSubmit} noValidate>
        <Field label="E-mail or username" name="login" autoComplete="username" required error={fieldError(error, 'login')} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(error, 'password')}
        />
        <FormAlert error={error} fields={['login', 'password']} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">
        New to Parley? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
