import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PASSWORD_RESET_NOTICE } from '../../api/messages';
import type { LoginState } from '../../auth/RequireAuth';
import { useAuth } from '../../auth/services';
import { FormAlert, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { cx, panel, text } from '../../ui/styles/classes';
import { CODE_DIGITS, isCode } from '../otp/OtpCodeField';
import { OtpForm } from '../otp/OtpForm';
import { useOtpStep } from '../otp/useOtpStep';
import { NewPasswordFields, readNewPassword } from './NewPasswordFields';

const PLACEMENT: ErrorPlacement = {
  fields: ['code', 'newPassword'],
  byCode: { WEAK_PASSWORD: 'newPassword' },
  aliases: { password: 'newPassword' },
};
const SUBMIT = { testId: 'reset-submit', label: 'Set new password', busyLabel: 'Saving…' };

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
  const step = useOtpStep({ purpose: 'PASSWORD_RESET', email });
  const [local, setLocal] = useState<{ code?: string; mismatch?: boolean }>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { newPassword, mismatch } = readNewPassword(new FormData(event.currentTarget));
    const checks = {
      code: isCode(step.code, CODE_DIGITS.PASSWORD_RESET) ? undefined : 'Enter the 8-digit code from the e-mail.',
      mismatch,
    };
    setLocal(checks);
    if (checks.code || mismatch) return;
    await step.verify(async () => {
      await auth.resetPassword(email, step.code, newPassword);
      const state: LoginState = { notice: PASSWORD_RESET_NOTICE };
      void navigate('/login', { replace: true, state });
    });
  }

  const placed = placeError(step.error, PLACEMENT);

  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <p>
        If an account uses <strong>{email}</strong>, we sent it an 8-digit code.
      </p>
      <OtpForm
        step={step}
        onSubmit={(event) => void onSubmit(event)}
        codeError={local.code ?? placed.fields.code}
        resentNotice={`If an account uses ${email}, we sent it a new code.`}
        submit={SUBMIT}
        digits={CODE_DIGITS.PASSWORD_RESET}
      >
        <NewPasswordFields error={placed.fields.newPassword} mismatch={local.mismatch ?? false} />
        <FormAlert message={placed.form} />
      </OtpForm>
      <p className={text.muted}>
        <Link to="/forgot-password">Use a different e-mail</Link>
      </p>
    </section>
  );
}
