import { PASSWORDS_DIFFER } from '../../api/messages';
import { Field, PASSWORD_HINT } from '../../ui/form/Field';
import { formText } from '../../ui/form/formText';

/** "New password" (with the password rules) and "Confirm new password"; `mismatch` flags the confirmation. */
export function NewPasswordFields({ error, mismatch }: { error?: string; mismatch: boolean }) {
  return (
    <>
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        error={error}
      />
      <Field
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={mismatch ? PASSWORDS_DIFFER : undefined}
      />
    </>
  );
}

/** The new password of a form holding `NewPasswordFields`, and whether its confirmation differs (checked locally). */
export function readNewPassword(form: FormData): { newPassword: string; mismatch: boolean } {
  const newPassword = formText(form, 'newPassword');
  return { newPassword, mismatch: newPassword !== formText(form, 'confirmPassword') };
}
