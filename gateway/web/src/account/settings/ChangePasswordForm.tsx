import { useState, type FormEvent } from 'react';
import { PASSWORD_CHANGED } from '../../api/messages';
import { useAuth } from '../../auth/services';
import { useRetryAfter } from '../../hooks/useRetryAfter';
import { Field } from '../../ui/form/Field';
import { FormAlert, FormSuccess, placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { formText } from '../../ui/form/formText';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { panel } from '../../ui/styles/classes';
import { NewPasswordFields, readNewPassword } from '../password/NewPasswordFields';

const PLACEMENT: ErrorPlacement = {
  fields: ['currentPassword', 'newPassword'],
  byCode: { CURRENT_PASSWORD_WRONG: 'currentPassword', WEAK_PASSWORD: 'newPassword' },
  aliases: { password: 'newPassword' },
};

/** Current + new password. On 204 the app signs in again with the new password, so this device stays in. */
export function ChangePasswordForm() {
  const auth = useAuth();
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const retry = useRetryAfter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = formText(form, 'currentPassword');
    const { newPassword, mismatch: differ } = readNewPassword(form);
    setMismatch(differ);
    setDone(false);
    if (differ) return;
    setBusy(true);
    setError(null);
    try {
      await auth.changePassword(currentPassword, newPassword);
      formElement.reset();
      setDone(true);
    } catch (e) {
      setError(e);
      retry.note(e);
    } finally {
      setBusy(false);
    }
  }

  const placed = placeError(retry.stale(error) ? null : error, PLACEMENT);

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change password</h2>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={placed.fields.currentPassword}
      />
      <NewPasswordFields error={placed.fields.newPassword} mismatch={mismatch} />
      <FormAlert message={placed.form} />
      <FormSuccess message={done ? PASSWORD_CHANGED : null} />
      <div className={panel.actions}>
        <SubmitButton testId="change-password-submit" busy={busy} wait={retry.wait} busyLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
