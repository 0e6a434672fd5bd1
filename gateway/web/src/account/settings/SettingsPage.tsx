import { useCurrentSession } from '../../auth/services';
import { button, cx, panel, text } from '../../ui/styles/classes';
import { useSignOut } from '../useSignOut';
import { AvatarForm } from './AvatarForm';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ProfileForm } from './ProfileForm';
import styles from './SettingsPage.module.css';

/** Signed-in only (see RequireAuth): the account, the public profile, a password change, and signing out. */
export function SettingsPage() {
  const session = useCurrentSession();
  const signOut = useSignOut();
  if (!session) return null;
  const { user } = session;

  return (
    <section className={cx(panel.panel, styles.settings)} aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <section aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        <dl className={styles.details}>
          <dt>Display name</dt>
          <dd>{user.displayName}</dd>
          <dt>Username</dt>
          <dd>@{user.username}</dd>
          <dt>E-mail</dt>
          <dd>{user.email ?? '—'}</dd>
        </dl>
      </section>
      <AvatarForm />
      <ProfileForm />
      <ChangePasswordForm />
      <div className={styles.account}>
        <span className={text.muted}>Signed in as @{user.username}</span>
        <button type="button" className={button('danger')} data-testid="sign-out" onClick={signOut}>
          Sign out
        </button>
      </div>
    </section>
  );
}
