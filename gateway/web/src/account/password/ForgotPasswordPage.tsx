import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { resetPasswordPath } from '../../app/routes';
import { useAuth } from '../../auth/services';
import { useSubmit } from '../../hooks/useSubmit';
import { Field } from '../../ui/form/Field';
import { FormAlert, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { formText } from '../../ui/form/formText';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { cx, panel, text } from '../../ui/styles/classes';
import { deadlinesFrom, type OtpPageState } from '../otp/otpDeadlines';

const PLACEMENT: ErrorPlacement = { fields: ['email'] };

/** Asks for a password-reset code; a 202 (always, account or not) continues at `/reset-password?email=…`. */
export function ForgotPasswordPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const submit = useSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), 'email').trim();
    await submit.run(async () => {
      const state: OtpPageState = { otp: deadlinesFrom(await auth.forgotPassword(email)) };
      void navigate(resetPasswordPath(email), { state });
    });
  }

  const placed = placeError(submit.current, PLACEMENT);

  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      <p className={text.muted}>Enter the e-mail address of your account and we will send you a 6-digit code.</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required error={placed.fields.email} />
        <FormAlert message={placed.form} />
        <SubmitButton testId="forgot-submit" busy={submit.busy} wait={submit.wait} busyLabel="Sending…">
          Send code
        </SubmitButton>
      </form>
      <p className={text.muted}>
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}
