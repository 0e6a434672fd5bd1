import { useState, type FormEvent } from 'react';
import { PASSWORD_CHANGED, PASSWORDS_DIFFER } from '../api/messages';
import { ReloginFailedError } from '../auth/authApi';
import { useAuth } from '../auth/services';
import { Field, PASSWORD_HINT } from '../components/Field';
import { FormAlert, FormSuccess, placeError, type ErrorPlacement } from '../components/FormAlert';
import { formatClock } from '../hooks/useCountdown';
import { useRetryAfter } from '../hooks/useRetryAfter';

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
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const differ = newPassword !== String(form.get('confirmPassword') ?? '');
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
      // Changed, but signing in again failed: the session was expired, and the app goes to /login.
      if (e instanceof ReloginFailedError) return;
      setError(e);
      retry.note(e);
    } finally {
      setBusy(false);
    }
  }

  const placed = placeError(retry.stale(error) ? null : error, PLACEMENT);

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change password</h2>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={placed.fields.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        error={placed.fields.newPassword}
      />
      <Field
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={mismatch ? PASSWORDS_DIFFER : undefined}
      />
      <FormAlert message={placed.form} />
      <FormSuccess message={done ? PASSWORD_CHANGED : null} />
      <div className="actions">
        <button
          type="submit"
          className="button primary"
          data-testid="change-password-submit"
          disabled={busy || retry.wait > 0}
        >
          {busy ? 'Changing…' : retry.wait > 0 ? `Try again in ${formatClock(retry.wait)}` : 'Change password'}
        </button>
      </div>
    </form>
  );
}
