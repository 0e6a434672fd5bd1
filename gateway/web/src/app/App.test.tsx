import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { auth, json, problem } from '../test/helpers';
import { currentPath, renderApp } from '../test/renderApp';

const SESSION_ENDED = 'Your session ended, please sign in again';

async function signInAs(password = 'analytical-engine-1843') {
  fireEvent.change(screen.getByLabelText('E-mail or username'), { target: { value: 'ada' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
  await screen.findByTestId('current-user');
  await waitFor(() => expect(currentPath()).not.toBe('/login'));
}

describe('App', () => {
  it('shows the sidebar navigation and a not-found page for unknown paths', () => {
    renderApp('/no/such/page');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect([...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Chats', '/chats'],
      ['Friends', '/friends'],
      ['Settings', '/settings'],
      ['System health', '/health'],
    ]);
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('welcomes signed-out visitors and shows the chat placeholder once signed in', () => {
    const app = renderApp('/');
    expect(screen.getByRole('heading', { name: 'Welcome to Parley' })).toBeTruthy();
    expect(screen.queryByTestId('current-user')).toBeNull();
    expect(within(screen.getByRole('complementary')).getByRole('link', { name: 'Sign in' })).toBeTruthy();

    act(() => void app.session.signIn(auth('A1')));

    expect(screen.getByRole('heading', { name: 'Select a conversation' })).toBeTruthy();
    const me = screen.getByTestId('current-user');
    expect(me.textContent).toContain('Ada Lovelace');
    expect(me.textContent).toContain('@ada');
  });

  it.each(['/settings', '/friends?tab=requests'])(
    'sends signed-out visitors of %s to /login and back after',
    async (path) => {
      renderApp(path, { '/api/auth/login': () => json(200, auth('A1')) });

      expect(currentPath()).toBe('/login');
      expect(screen.queryByTestId('notice')).toBeNull();
      await signInAs();

      expect(currentPath()).toBe(path);
    },
  );

  it.each([
    ['/settings', 'REFRESH_TOKEN_REUSED'],
    ['/', 'REFRESH_TOKEN_INVALID'],
  ])('on %s goes to /login with a notice when the refresh is refused (%s)', async (path, code) => {
    // An access token about to expire is refreshed at once; the server refuses the refresh token.
    const app = renderApp(
      path,
      {
        '/api/auth/refresh': () => problem(401, code, 'Refresh token refused'),
        '/api/auth/login': () => json(200, auth('A2')),
      },
      { signedIn: true, expiresIn: 10 },
    );

    expect((await screen.findByTestId('notice')).textContent).toBe(SESSION_ENDED);
    expect(currentPath()).toBe('/login');
    expect(app.session.get()).toBeNull();
    expect(app.bodies('/api/auth/refresh')).toEqual([{}]);

    await signInAs();
    expect(currentPath()).toBe(path);
  });

  it('signs out from the sidebar', async () => {
    const app = renderApp('/', { '/api/auth/logout': () => new Response(null, { status: 204 }) }, { signedIn: true });

    fireEvent.click(screen.getByTestId('sidebar-sign-out'));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(app.session.get()).toBeNull();
    expect(screen.queryByTestId('current-user')).toBeNull();
    expect(app.bodies('/api/auth/logout')).toEqual([{}]);
    expect(app.headers('/api/auth/logout')[0]['X-Parley-Session']).toBe('cookie');
  });
});
