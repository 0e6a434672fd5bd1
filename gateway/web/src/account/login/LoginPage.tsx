import type { FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { afterLoginTarget, type LoginState } from '../../auth/RequireAuth';
import { useAuth, useCurrentSession } from '../../auth/services';
import { useSubmit } from '../../hooks/useSubmit';
import { Field } from '../../ui/form/Field';
import { FormAlert, FormNotice, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { formText } from '../../ui/form/formText';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { cx, panel, text } from '../../ui/styles/classes';

const PLACEMENT: ErrorPlacement = { fields: ['login', 'password'] };

export function LoginPage() {
  const session = useCurrentSession();
  const auth = useAuth();
  const location = useLocation();
  const submit = useSubmit();
  const notice = (location.state as LoginState | null)?.notice;

  // Signed in (now, or already): go where the user was going.
  if (session) return <Navigate to={afterLoginTarget(location.state)} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await submit.run(() => auth.login(formText(form, 'login').trim(), formText(form, 'password')));
  }

  const placed = placeError(submit.current, PLACEMENT);

  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {!submit.error && <FormNotice message={typeof notice === 'string' ? notice : null} />}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label="E-mail or username" name="login" autoComplete="username" required error={placed.fields.login} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={placed.fields.password}
        />
        <FormAlert message={placed.form} />
        <SubmitButton testId="login-submit" busy={submit.busy} wait={submit.wait} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className={text.muted}>
        <Link to="/forgot-password" data-testid="forgot-link">
          Forgot your password?
        </Link>
      </p>
      <p className={text.muted}>
        New to Parley? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
