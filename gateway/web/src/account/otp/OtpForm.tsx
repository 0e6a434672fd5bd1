import type { FormEvent, ReactNode } from 'react';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { alert, panel } from '../../ui/styles/classes';
import { ExpiryCountdown } from './ExpiryCountdown';
import { OtpCodeField } from './OtpCodeField';
import { ResendCodeButton } from './ResendCodeButton';
import type { OtpStep } from './useOtpStep';

/**
 * A code-entry form: the code (of `digits` digits) and its expiry, then `children` (more fields, the form alert), the
 * `resentNotice` after a resend, the submit button and "Resend code".
 */
export function OtpForm({
  step,
  onSubmit,
  codeError,
  resentNotice,
  submit,
  children,
  digits,
}: {
  step: OtpStep;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  codeError?: string;
  resentNotice: string;
  submit: { testId: string; label: string; busyLabel: string };
  children: ReactNode;
  digits?: number;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <OtpCodeField value={step.code} onChange={step.setCode} error={codeError} digits={digits} />
      <ExpiryCountdown expiresAt={step.otp.expiresAt} />
      {children}
      {step.resent && (
        <p className={alert('info')} role="status">
          {resentNotice}
        </p>
      )}
      <div className={panel.actions}>
        <SubmitButton
          testId={submit.testId}
          busy={step.busy}
          wait={step.wait}
          busyLabel={submit.busyLabel}
          disabled={step.dead}
        >
          {submit.label}
        </SubmitButton>
        <ResendCodeButton resendAt={step.otp.resendAt} busy={step.resender.sending} onResend={step.resender.resend} />
      </div>
    </form>
  );
}
