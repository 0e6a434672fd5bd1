import { useState } from 'react';
import { Link } from 'react-router';
import { signOut } from '../auth/authApi';
import { useSession } from '../auth/session';

export function SettingsPage() {
  const session = useSession();
  const [busy, setBusy] = useState(false);

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p className="muted">Coming soon: your profile and avatar, password change, and notification preferences.</p>
      {session ? (
        <div className="account">
          <p>
            Signed in as <strong>{session.user.displayName}</strong>
            {session.user.username && <span className="muted"> @{session.user.username}</span>}
          </p>
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      ) : (
        <p>
          <Link to="/login">Sign in</Link> to change your settings.
        </p>
      )}
    </section>
  );
}
