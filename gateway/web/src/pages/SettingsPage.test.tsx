import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { auth, json, noContent, problem, tooMany } from '../test/helpers';
import { currentPath, renderApp } from '../test/renderApp';

const OLD = 'analytical-engine-1843';
const NEW = 'difference-engine-1822';

function changePassword(current = OLD, next = NEW, confirm = next) {
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('change-password-submit'));
}

const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement;

describe('SettingsPage', () => {
  it('shows the account', () => {
    renderApp('/settings', {}, { signedIn: true });

    const account = screen.getByRole('region', { name: 'Account' });
    expect(account.textContent).toContain('Ada Lovelace');
    expect(account.textContent).toContain('@ada');
    expect(account.textContent).toContain('ada@example.com');
  });

  it('changes the password, then signs in again silently with the new one', async () => {
    const app = renderApp(
      '/settings',
      { '/api/auth/password/change': noContent, '/api/auth/login': () => json(200, auth('A2', 'R2')) },
      { signedIn: true },
    );

    changePassword();

    expect((await screen.findByTestId('form-success')).textContent).toBe(
      'Password changed. Other devices were signed out.',
    );
    expect(app.fetch.mock.calls.map(([url]) => url)).toEqual(['/api/auth/password/change', '/api/auth/login']);
    expect(app.bodies('/api/auth/password/change')).toEqual([{ currentPassword: OLD, newPassword: NEW }]);
    expect(app.bearers('/api/auth/password/change')).toEqual(['Bearer A1']);
    expect(app.bodies('/api/auth/login')).toEqual([{ login: 'ada', password: NEW }]);
    expect(app.session.get()).toMatchObject({ accessToken: 'A2', refreshToken: 'R2' });
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
    expect(app.fetch).not.toHaveBeenCalled();
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

  it('goes to /login with a notice when the silent sign-in fails', async () => {
    const app = renderApp(
      '/settings',
      { '/api/auth/password/change': noContent, '/api/auth/login': () => tooMany('RATE_LIMITED', 60) },
      { signedIn: true },
    );

    changePassword();

    expect((await screen.findByTestId('notice')).textContent).toBe('Password changed. Sign in with your new password.');
    await waitFor(() => expect(currentPath()).toBe('/login'));
    expect(app.session.get()).toBeNull();
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
    expect(app.bodies('/api/auth/logout')).toEqual([{ refreshToken: 'R1' }]);
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
