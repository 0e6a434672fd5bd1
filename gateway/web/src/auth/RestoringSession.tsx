import { useEffect, useState } from 'react';
import { messageFor } from '../api/messages';
import { alert, button, panel, text } from '../ui/styles/classes';
import { useServices } from './services';

/**
 * Shown while this tab knows the user (from the marker) but holds no access token yet, e.g. after a page load:
 * asks for one via the refresh cookie. A token re-renders the page; a refused cookie expires the session (the
 * app goes to /login); a network failure or a 5xx keeps the session and offers another try.
 */
export function RestoringSession() {
  const { api } = useServices();
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.accessToken().catch((error: unknown) => live && setFailure(error));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  if (failure) {
    return (
      <section className={panel.panel} aria-labelledby="restore-title">
        <div className={alert('error')} role="alert" data-testid="session-restore-error">
          <p id="restore-title">
            {messageFor(failure)}{' '}
            <button
              type="button"
              className={button('link')}
              onClick={() => {
                setFailure(null);
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </button>
          </p>
        </div>
      </section>
    );
  }
  return (
    <section className={panel.panel} aria-busy="true" data-testid="session-restoring">
      <p className={text.muted}>Loading…</p>
    </section>
  );
}
