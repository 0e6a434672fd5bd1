import { Field } from '../../ui/form/Field';

/** Digits in an e-mailed code: a reset code is longer, since it is guessed against an existing account. */
export const CODE_DIGITS = { SIGNUP: 6, PASSWORD_RESET: 8 } as const;

/** The e-mailed code: digits only, offered by the browser's one-time-code autofill. */
export function OtpCodeField({
  value,
  onChange,
  error,
  digits = CODE_DIGITS.SIGNUP,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  digits?: number;
}) {
  return (
    <Field
      label={`${digits}-digit code`}
      name="code"
      data-testid="otp-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern={`[0-9]{${digits}}`}
      maxLength={digits}
      required
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, digits))}
      error={error}
    />
  );
}

export const isCode = (code: string, digits: number = CODE_DIGITS.SIGNUP) =>
  code.length === digits && /^\d+$/.test(code);
