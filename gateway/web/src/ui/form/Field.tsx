import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { text } from '../styles/classes';
import styles from './Field.module.css';

interface FieldChrome {
  label: string;
  /** The label is read by screen readers only (the placeholder says what to type). */
  hideLabel?: boolean;
  name: string;
  /** Help shown under the input, e.g. password rules. */
  hint?: string;
  error?: string;
}

type FieldProps = FieldChrome & InputHTMLAttributes<HTMLInputElement>;
type TextAreaFieldProps = FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>;

/** The attributes that tie a control to its label, hint and error. */
interface ControlA11y {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** The look of a field's error, for a message about a field that is not a `Field`. */
export const fieldErrorClass = styles.error;

export const PASSWORD_HINT = '10 to 64 characters, and not your username or e-mail address.';

/** A labelled input whose hint and error are tied to it for assistive technology. */
export function Field({ label, hideLabel, name, hint, error, ...input }: FieldProps) {
  return (
    <FieldFrame label={label} hideLabel={hideLabel} hint={hint} error={error}>
      {(a11y) => <input {...a11y} name={name} {...input} />}
    </FieldFrame>
  );
}

/** The multi-line twin of `Field`. */
export function TextAreaField({ label, hideLabel, name, hint, error, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hideLabel={hideLabel} hint={hint} error={error}>
      {(a11y) => <textarea {...a11y} name={name} {...textarea} />}
    </FieldFrame>
  );
}

/** Label, control, hint and error of one field; `children` renders the control with the ids it needs. */
function FieldFrame({
  label,
  hideLabel = false,
  hint,
  error,
  children,
}: Omit<FieldChrome, 'name'> & { children: (a11y: ControlA11y) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={hideLabel ? text.visuallyHidden : undefined}>
        {label}
      </label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {hint && (
        <p className={styles.hint} id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className={styles.error} id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
