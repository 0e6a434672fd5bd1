import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useAuth, useCurrentSession } from '../../auth/services';
import { FormAlert, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { button, cx, panel, text } from '../../ui/styles/classes';
import { isCode } from '../otp/OtpCodeField';
import { OtpForm } from '../otp/OtpForm';
import { useOtpStep } from '../otp/useOtpStep';
import { forgetSignup, signupIdFor } from './signupAttempt';

const PLACEMENT: ErrorPlacement = { fields: ['code'], context: 'signup-verify' };
const SUBMIT = { testId: 'otp-submit', label: 'Verify', busyLabel: 'Verifying…' };

/**
 * Second sign-up step, `/signup/verify?email=…`: the 6-digit code e-mailed to that address. 201 signs in. Only
 * the tab that started the sign-up knows its id; anywhere else the page asks to sign up again.
 */
export function VerifySignupPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const email = params.get('email')?.trim() ?? '';
  const session = useCurrentSession();
  if (session) return <Navigate to="/" replace />;
  if (!email) return <Navigate to="/signup" replace />;
  const signupId = signupIdFor(email, location.state);
  if (!signupId) return <SignupElsewhere email={email} />;
  return <VerifySignupForm email={email} signupId={signupId} />;
}

function SignupElsewhere({ email }: { email: string }) {
  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="verify-title" data-testid="signup-unknown">
      <h1 id="verify-title">Sign up again</h1>
      <p>
        The sign-up for <strong>{email}</strong> can only be finished in the browser tab where it was started. If that
        tab is gone, sign up again to get a new code.
      </p>
      <div className={panel.actions}>
        <Link className={button('primary')} to="/signup" state={{ email }}>
          Sign up again
        </Link>
      </div>
    </section>
  );
}

function VerifySignupForm({ email, signupId }: { email: string; signupId: string }) {
  const auth = useAuth();
  const step = useOtpStep({ purpose: 'SIGNUP', email, signupId });
  const [codeError, setCodeError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isCode(step.code)) {
      setCodeError('Enter the 6-digit code from the e-mail.');
      return;
    }
    setCodeError(undefined);
    await step.verify(async () => {
      await auth.verifySignup(email, step.code, signupId); // signed in: this page redirects to `/`
      forgetSignup();
    });
  }

  const placed = placeError(step.error, PLACEMENT);
  const usernameTaken = step.error instanceof ApiError && step.error.code === 'USERNAME_TAKEN';

  return (
    <section className={cx(panel.panel, panel.narrow)} aria-labelledby="verify-title">
      <h1 id="verify-title">Check your e-mail</h1>
      <p>
        We sent a 6-digit code to <strong>{email}</strong>.
      </p>
      <OtpForm
        step={step}
        onSubmit={(event) => void onSubmit(event)}
        codeError={codeError ?? placed.fields.code}
        resentNotice={`We sent a new code to ${email}.`}
        submit={SUBMIT}
      >
        <FormAlert message={placed.form}>
          {usernameTaken && (
            <p>
              <Link to="/signup" state={{ email }}>
                Back to sign-up
              </Link>
            </p>
          )}
        </FormAlert>
      </OtpForm>
      <p className={text.muted}>
        Wrong address? <Link to="/signup">Use a different e-mail</Link>
      </p>
    </section>
  );
}
