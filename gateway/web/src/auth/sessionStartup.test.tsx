import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ADA, auth, deferred, json, problem, storedText, storeMarker, urlOf } from '../test/helpers';
import { currentPath, renderApp, type AppHarness } from '../test/renderApp';
import { createSessionStore, SESSION_KEY } from './session';

const SESSION_ENDED = 'Your session ended, please sign in again';

/** What the browser does in this tab when another tab of the same origin changes localStorage. */
function storageEventFromOtherTab() {
  act(() => void window.dispatchEvent(new StorageEvent('storage', { key: SESSION_KEY, storageArea: localStorage })));
}

const protectedCalls = (app: AppHarness) =>
  app.fetch.mock.calls
    .filter(([url]) => !urlOf(url).startsWith('/api/auth/'))
    .map(([, init]) => (init?.headers as Record<string, string>).Authorization);

describe('page load with a cookie session (marker in localStorage, no token in memory)', () => {
  it('shows the loading state, refreshes via the cookie once, then the protected page', async () => {
    storeMarker();
    const refresh = deferred<Response>();
    const app = renderApp('/settings', { '/api/auth/refresh': () => refresh.promise });

    expect(screen.getByTestId('session-restoring').textContent).toBe('Loading…');
    expect(currentPath()).toBe('/settings');
    expect(screen.queryByRole('region', { name: 'Account' })).toBeNull();
    await waitFor(() => expect(app.calls()).toEqual(['POST /api/auth/refresh']));

    refresh.resolve(json(200, auth('access-after-reload')));

    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(app.bodies('/api/auth/refresh')).toEqual([{}]);
    expect(app.headers('/api/auth/refresh')[0]['X-Parley-Session']).toBe('cookie');
    await waitFor(() => expect(protectedCalls(app).length).toBeGreaterThan(0));
    expect(new Set(protectedCalls(app))).toEqual(new Set(['Bearer access-after-reload']));
    expect(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null')).toEqual({ user: ADA });
    expect(storedText(localStorage, sessionStorage)).not.toContain('access-after-reload');
  });

  it.each(['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED'])(
    'signs out when the cookie is refused (%s): /login with the notice, marker removed',
    async (code) => {
      storeMarker();
      const app = renderApp('/friends', { '/api/auth/refresh': () => problem(401, code, 'Refused') });

      expect((await screen.findByTestId('notice')).textContent).toBe(SESSION_ENDED);
      expect(currentPath()).toBe('/login');
      expect(app.session.get()).toBeNull();
      expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    },
  );

  it('keeps the marker when the refresh cannot reach the server, and tries again on request', async () => {
    storeMarker();
    let online = false;
    const app = renderApp('/settings', {
      '/api/auth/refresh': () => {
        if (!online) throw new TypeError('Failed to fetch');
        return json(200, auth('A2'));
      },
    });

    expect((await screen.findByTestId('session-restore-error')).textContent).toContain('Cannot reach Parley');
    expect(currentPath()).toBe('/settings');
    expect(localStorage.getItem(SESSION_KEY)).not.toBeNull();

    online = true;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('region', { name: 'Account' })).toBeTruthy();
    expect(app.session.get()?.accessToken).toBe('A2');
  });
});

describe('other tabs', () => {
  it('signs out when another tab signs out, without a logout call of its own', async () => {
    const app = renderApp('/settings', {}, { signedIn: true });
    expect(screen.getByRole('region', { name: 'Account' })).toBeTruthy();

    createSessionStore().clear(); // the other tab
    storageEventFromOtherTab();

    await waitFor(() => expect(currentPath()).toBe('/login'));
    expect(app.session.get()).toBeNull();
    expect(screen.queryByTestId('notice')).toBeNull();
    expect(app.bodies('/api/auth/logout')).toEqual([]);
  });

  it('signs in when another tab signs in, with an access token of its own from the cookie', async () => {
    const app = renderApp('/', { '/api/auth/refresh': () => json(200, auth('token-of-this-tab')) });
    expect(screen.getByRole('heading', { name: 'Welcome to Parley' })).toBeTruthy();

    createSessionStore().signIn(auth('token-of-the-other-tab'));
    storageEventFromOtherTab();

    expect(await screen.findByRole('heading', { name: 'Select a conversation' })).toBeTruthy();
    expect(screen.getByTestId('current-user').textContent).toContain('@ada');
    expect(app.session.get()?.accessToken).toBe('token-of-this-tab');
    expect(app.bodies('/api/auth/refresh')).toEqual([{}]);
  });
});
