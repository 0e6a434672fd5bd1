import type { FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { verifySignupPath } from '../../app/routes';
import { useAuth, useCurrentSession } from '../../auth/services';
import { useSubmit } from '../../hooks/useSubmit';
import { Field, PASSWORD_HINT } from '../../ui/form/Field';
import { FormAlert, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { formText } from '../../ui/form/formText';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { cx, panel, text } from '../../ui/styles/classes';
import { deadlinesFrom } from '../otp/otpDeadlines';
import { rememberSignup, type VerifyPageState } from './signupAttempt';

const FIELDS = ['email', 'username', 'displayName', 'password'] as const;
const PLACEMENT: ErrorPlacement = {
  fields: FIELDS,
  byCode: { USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'password' },
};

/** First sign-up step; a 202 continues at `/signup/verify?email=…` with the sign-up's id (see `signupAttempt`). */
export function SignupPage() {
  const session = useCurrentSession();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const submit = useSubmit();
  // Coming back from the verify step (e.g. the username was taken meanwhile): keep the e-mail.
  const initialEmail = (location.state as { email?: unknown } | null)?.email;

  if (session) return <Navigate to="/" replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [email, username, displayName, password] = FIELDS.map((f) => formText(form, f));
    const request = { email: email.trim(), username: username.trim(), displayName: displayName.trim(), password };
    await submit.run(async () => {
      const started = await auth.signup(request);
      rememberSignup(request.email, started.signupId);
      const state: VerifyPageState = { otp: deadlinesFrom(started), signupId: started.signupId };
      void navigate(verifySignupPath(request.email), { state });
    });
  }

  const placed = placeError(submit.current, PLACEMENT);

  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="signup-title">
      <h1 id="signup-title">Create your account</h1>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={typeof initialEmail === 'string' ? initialEmail : undefined}
          error={placed.fields.email}
        />
        <Field label="Username" name="username" autoComplete="username" required error={placed.fields.username} />
        <Field label="Display name" name="displayName" autoComplete="name" required error={placed.fields.displayName} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={placed.fields.password}
        />
        <FormAlert message={placed.form} />
        <SubmitButton testId="signup-submit" busy={submit.busy} wait={submit.wait} busyLabel="Creating account…">
          Create account
        </SubmitButton>
      </form>
      <p className={text.muted}>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
