import { Field } from '../components/Field';

/** The 6-digit e-mailed code: digits only, offered by the browser's one-time-code autofill. */
export function OtpCodeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  return (
    <Field
      label="6-digit code"
      name="code"
      data-testid="otp-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 6))}
      error={error}
    />
  );
}

export const isSixDigits = (code: string) => /^\d{6}$/.test(code);
