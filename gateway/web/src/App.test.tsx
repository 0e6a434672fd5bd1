import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { sessionStore } from './auth/session';
import { auth } from './test/helpers';

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

afterEach(() => sessionStore.clear());

describe('App', () => {
  it('shows the sidebar navigation and a not-found page for unknown paths', () => {
    renderAt('/no/such/page');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect([...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Chats', '/'],
      ['Friends', '/friends'],
      ['Settings', '/settings'],
      ['System health', '/health'],
    ]);
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('welcomes signed-out visitors and shows the chat placeholder once signed in', () => {
    renderAt('/');
    expect(screen.getByRole('heading', { name: 'Welcome to Parley' })).toBeTruthy();

    act(() => void sessionStore.signIn(auth('A1', 'R1')));

    expect(screen.getByRole('heading', { name: 'Select a conversation' })).toBeTruthy();
  });

  it('goes to the login page when the session expires', () => {
    sessionStore.signIn(auth('A1', 'R1'));
    renderAt('/settings');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();

    act(() => sessionStore.expire());

    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Your session has ended. Please sign in again.')).toBeTruthy();
  });
});
