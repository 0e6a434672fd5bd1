import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../auth/session';
import { auth, json, problem } from '../test/helpers';
import { LoginPage } from './LoginPage';

function renderLogin() {
  render(
    <MemoryRouter initialEntries={['/login']}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/" element={<p>home</p>} />
      </Routes>
    </MemoryRouter>,
  );
  fireEvent.change(screen.getByLabelText('E-mail or username'), { target: { value: 'ada' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => sessionStore.clear());

describe('LoginPage', () => {
  it('signs in with the entered credentials and leaves the page', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => json(200, auth('A1', 'R1')));
    vi.stubGlobal('fetch', fetch);

    renderLogin();

    expect(await screen.findByText('home')).toBeTruthy();
    expect(sessionStore.get()?.accessToken).toBe('A1');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(String(init?.body))).toEqual({ login: 'ada', password: 'secret' });
  });

  it('shows a field error next to the field it belongs to', async () => {
    vi.stubGlobal('fetch', async () =>
      problem(400, 'VALIDATION_FAILED', 'Invalid', [{ field: 'password', message: 'must be at least 8 characters' }]),
    );

    renderLogin();

    expect(await screen.findByText('must be at least 8 characters')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('explains wrong credentials by their code', async () => {
    vi.stubGlobal('fetch', async () => problem(401, 'INVALID_CREDENTIALS', 'Bad credentials'));

    renderLogin();

    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username, e-mail or password.');
    expect(sessionStore.get()).toBeNull();
  });
});
