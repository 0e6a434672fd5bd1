import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_KEY } from '../../auth/session';
import { ADA, auth, json, problem, storedText, tooMany } from '../../test/helpers';
import { advance, currentPath, renderApp } from '../../test/renderApp';

const submit = () => screen.getByTestId<HTMLButtonElement>('login-submit');

function signIn(login = 'ada', password = 'analytical-engine-1843') {
  fireEvent.change(screen.getByLabelText('E-mail or username'), { target: { value: login } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(submit());
}

describe('LoginPage', () => {
  it('signs in with the entered credentials in cookie mode, keeps the token in memory only and goes home', async () => {
    const app = renderApp('/login', { '/api/auth/login': () => json(200, auth('access-token-1')) });

    signIn(' ada ');

    expect((await screen.findByTestId('current-user')).textContent).toContain('@ada');
    await waitFor(() => expect(currentPath()).toBe('/'));
    expect(app.session.get()?.accessToken).toBe('access-token-1');
    expect(app.bodies('/api/auth/login')).toEqual([{ login: 'ada', password: 'analytical-engine-1843' }]);
    expect(app.bearers('/api/auth/login')).toEqual([undefined]);
    expect(app.headers('/api/auth/login')[0]['X-Parley-Session']).toBe('cookie');
    expect(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null')).toEqual({ user: ADA });
    expect(storedText(localStorage, sessionStorage)).not.toContain('access-token-1');
  });

  it('shows a field error next to the field it belongs to', async () => {
    renderApp('/login', {
      '/api/auth/login': () =>
        problem(400, 'VALIDATION_FAILED', 'Invalid', [{ field: 'password', message: 'must not be blank' }]),
    });

    signIn();

    expect(await screen.findByText('must not be blank')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('explains wrong credentials without saying which part was wrong', async () => {
    const app = renderApp('/login', {
      '/api/auth/login': () => problem(401, 'INVALID_CREDENTIALS', 'Bad credentials'),
    });

    signIn();

    expect((await screen.findByTestId('form-error')).textContent).toBe(
      "That e-mail/username and password don't match.",
    );
    expect(app.session.get()).toBeNull();
    expect(app.bodies('/api/auth/refresh')).toEqual([]);
    expect(submit().disabled).toBe(false);
  });

  it('reports a network failure', async () => {
    renderApp('/login', {
      '/api/auth/login': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    signIn();
    expect((await screen.findByTestId('form-error')).textContent).toBe(
      'Cannot reach Parley. Check your connection and try again.',
    );
  });

  it('after a 429 disables the button with a countdown until Retry-After has passed', async () => {
    vi.useFakeTimers();
    const app = renderApp('/login', {
      '/api/auth/login': () => tooMany('RATE_LIMITED', 90),
    });

    signIn();
    await advance();

    expect(submit().disabled).toBe(true);
    expect(submit().textContent).toBe('Try again in 01:30');
    expect(screen.getByTestId('form-error').textContent).toBe('Too many attempts. Wait a moment and try again.');
    await advance(30_000);
    expect(submit().textContent).toBe('Try again in 01:00');
    fireEvent.click(submit());
    await advance();
    expect(app.bodies('/api/auth/login')).toHaveLength(1);

    await advance(60_000);
    expect(submit().disabled).toBe(false);
    expect(submit().textContent).toBe('Sign in');
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('reads the wait from the Retry-After header when the body has none', async () => {
    vi.useFakeTimers();
    renderApp('/login', {
      '/api/auth/login': () =>
        problem(429, 'RATE_LIMITED', 'Slow down', undefined, { headers: { 'Retry-After': '7' } }),
    });

    signIn();
    await advance();

    expect(submit().textContent).toBe('Try again in 00:07');
    await advance(7_000);
    expect(submit().disabled).toBe(false);
  });

  it('shows the notice it was sent with, and links to password reset and sign-up', () => {
    renderApp('/login', {}, { state: { notice: 'Password changed. Sign in with your new password.' } });

    expect(screen.getByTestId('notice').textContent).toBe('Password changed. Sign in with your new password.');
    expect(screen.getByTestId('forgot-link').getAttribute('href')).toBe('/forgot-password');
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe('/signup');
  });

  it('sends a signed-in user on', () => {
    renderApp('/login', {}, { signedIn: true });
    expect(currentPath()).toBe('/');
  });
});
