import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_KEY } from '../../auth/session';
import { json, noContent, problem } from '../../test/helpers';
import { currentPath, renderApp, type AppHarness } from '../../test/renderApp';

const OLD = 'analytical-engine-1843';
const NEW = 'difference-engine-1822';

function changePassword(current = OLD, next = NEW, confirm = next) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('change-password-submit'));
}

/** The account calls (the profile and the friends lists load in the background on every signed-in page). */
const authCalls = (app: AppHarness) => app.calls().filter((call) => call.includes(' /api/auth/'));

const input = (name: string) =>
  document.querySelector(`input[name="${name}"], textarea[name="${name}"]`) as HTMLInputElement;

const ME = {
  id: 'u1',
  username: 'ada',
  displayName: 'Ada Lovelace',
  email: 'ada@example.com',
  bio: 'First programmer.',
  avatarMediaId: null,
  createdAt: '2025-01-01T00:00:00Z',
};

describe('SettingsPage', () => {
  it('shows the account', () => {
    renderApp('/settings', {}, { signedIn: true });

    const account = screen.getByRole('region', { name: 'Account' });
    expect(account.textContent).toContain('Ada Lovelace');
    expect(account.textContent).toContain('@ada');
    expect(account.textContent).toContain('ada@example.com');
  });

  it('changes the password and stays signed in on this device', async () => {
    const app = renderApp('/settings', { '/api/auth/password/change': noContent }, { signedIn: true });

    changePassword();

    expect((await screen.findByTestId('form-success')).textContent).toBe(
      'Password changed. Other devices were signed out.',
    );
    expect(authCalls(app)).toEqual(['POST /api/auth/password/change']);
    expect(app.bodies('/api/auth/password/change')).toEqual([{ currentPassword: OLD, newPassword: NEW }]);
    expect(app.bearers('/api/auth/password/change')).toEqual(['Bearer A1']);
    expect(app.session.get()?.accessToken).toBe('A1');
    expect(currentPath()).toBe('/settings');
    expect(screen.getByTestId('current-user').textContent).toContain('@ada');
    expect([input('currentPassword').value, input('newPassword').value, input('confirmPassword').value]).toEqual([
      '',
      '',
      '',
    ]);
  });

  it('checks that the new passwords match before sending anything', () => {
    const app = renderApp('/settings', {}, { signedIn: true });

    changePassword(OLD, NEW, `${NEW}!`);

    expect(screen.getByText("The passwords don't match.")).toBeTruthy();
    expect(screen.getByLabelText('Confirm new password').getAttribute('aria-invalid')).toBe('true');
    expect(authCalls(app)).toEqual([]);
  });

  it('shows a wrong current password under its field and does not sign in again', async () => {
    const app = renderApp(
      '/settings',
      {
        '/api/auth/password/change': () =>
          problem(400, 'CURRENT_PASSWORD_WRONG', 'Wrong password', [
            { field: 'currentPassword', message: 'Your current password is not right.' },
          ]),
      },
      { signedIn: true },
    );

    changePassword();

    expect(await screen.findByText('Your current password is not right.')).toBeTruthy();
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(screen.queryByTestId('form-success')).toBeNull();
    expect(app.bodies('/api/auth/login')).toEqual([]);
    expect(app.session.get()?.accessToken).toBe('A1');
  });

  it('shows a weak new password under the new password field', async () => {
    renderApp(
      '/settings',
      { '/api/auth/password/change': () => problem(400, 'WEAK_PASSWORD', 'Weak password') },
      { signedIn: true },
    );

    changePassword(OLD, 'ada-ada-ada');

    expect(await screen.findByText(/Choose a stronger password/)).toBeTruthy();
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs out even when the logout call fails', async () => {
    const app = renderApp(
      '/settings',
      {
        '/api/auth/logout': () => {
          throw new TypeError('Failed to fetch');
        },
      },
      { signedIn: true },
    );

    fireEvent.click(screen.getByTestId('sign-out'));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentPath()).toBe('/login');
    expect(app.session.get()).toBeNull();
    expect(app.bodies('/api/auth/logout')).toEqual([{}]);
    expect(app.headers('/api/auth/logout')[0]['X-Parley-Session']).toBe('cookie');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('loads the profile, saves display name and bio with PATCH, and shows the new name in the sidebar', async () => {
    const app = renderApp(
      '/settings',
      {
        'GET /api/users/me': () => json(200, ME),
        'PATCH /api/users/me': (body) => json(200, { ...ME, ...(body as object) }),
      },
      { signedIn: true },
    );
    await waitFor(() => expect(input('bio').value).toBe('First programmer.'));
    expect(input('displayName').value).toBe('Ada Lovelace');

    fireEvent.change(input('displayName'), { target: { value: '  Countess Ada  ' } });
    fireEvent.change(input('bio'), { target: { value: 'Notes on the <Analytical Engine>.' } });
    fireEvent.click(screen.getByTestId('profile-submit'));

    expect((await screen.findByTestId('profile-success')).textContent).toBe('Profile saved.');
    expect(app.bodies('/api/users/me')).toEqual([
      undefined,
      { displayName: 'Countess Ada', bio: 'Notes on the <Analytical Engine>.' },
    ]);
    expect(app.bearers('/api/users/me')).toEqual(['Bearer A1', 'Bearer A1']);
    expect(input('displayName').value).toBe('Countess Ada');
    expect(screen.getByTestId('current-user').textContent).toContain('Countess Ada');
    expect(app.session.get()?.user.displayName).toBe('Countess Ada');

    fireEvent.change(input('bio'), { target: { value: 'More notes.' } });
    expect(screen.queryByTestId('profile-success')).toBeNull();
  });

  it('shows a rejected field under its input', async () => {
    renderApp(
      '/settings',
      {
        'GET /api/users/me': () => json(200, ME),
        'PATCH /api/users/me': () =>
          problem(400, 'VALIDATION_FAILED', 'bio: size must be between 0 and 500', [
            { field: 'bio', message: 'size must be between 0 and 500' },
          ]),
      },
      { signedIn: true },
    );
    await waitFor(() => expect(input('bio').value).toBe('First programmer.'));

    fireEvent.change(input('bio'), { target: { value: 'x'.repeat(501) } });
    fireEvent.click(screen.getByTestId('profile-submit'));

    expect(await screen.findByText('size must be between 0 and 500')).toBeTruthy();
    expect(screen.getByLabelText('Bio').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Display name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('profile-success')).toBeNull();
    expect(screen.queryByTestId('profile-error')).toBeNull();
  });

  it('asks for a display name before sending a blank one', async () => {
    const app = renderApp('/settings', { 'GET /api/users/me': () => json(200, ME) }, { signedIn: true });
    await waitFor(() => expect(input('bio').value).toBe('First programmer.'));

    fireEvent.change(input('displayName'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('profile-submit'));

    expect(screen.getByText('Enter a display name.')).toBeTruthy();
    expect(screen.getByLabelText('Display name').getAttribute('aria-invalid')).toBe('true');
    expect(app.calls()).not.toContain('PATCH /api/users/me');
  });

  it('offers to retry when the profile cannot be loaded', async () => {
    let ready = false;
    renderApp(
      '/settings',
      {
        'GET /api/users/me': () =>
          ready ? json(200, ME) : problem(404, 'PROFILE_NOT_FOUND', 'Your profile is not ready yet.'),
      },
      { signedIn: true },
    );
    const alert = await screen.findByTestId('profile-load-error');
    expect(alert.textContent).toContain('Your profile is not ready yet. Try again in a moment.');
    expect(screen.getByTestId<HTMLButtonElement>('profile-submit').disabled).toBe(true);

    ready = true;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    await waitFor(() => expect(input('bio').value).toBe('First programmer.'));
    expect(screen.getByTestId<HTMLButtonElement>('profile-submit').disabled).toBe(false);
    expect(screen.queryByTestId('profile-load-error')).toBeNull();
  });
});
