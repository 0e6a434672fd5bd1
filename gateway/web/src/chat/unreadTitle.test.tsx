import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chatServer, direct, group, message } from '../test/chat';
import { lists } from '../test/people';
import { renderApp } from '../test/renderApp';

describe('Tab title', () => {
  it('carries the unread total while there is one, as the chats badge, and goes back to Parley on sign-out', async () => {
    const app = renderApp(
      '/friends',
      {
        ...lists(),
        ...chatServer([direct('bo', { lastSeq: 2, unreadCount: 2 }), group('Team', ['cy'], { lastSeq: 5 })]),
        '/api/auth/logout': () => new Response(null, { status: 204 }),
      },
      { signedIn: true },
    );
    await waitFor(() => expect(document.title).toBe('(2) Parley'));
    expect(screen.getByTestId('chats-unread').textContent).toContain('2');

    app.socket.emit('message.new', { message: message('g-team', 6, 'cy') });
    await waitFor(() => expect(document.title).toBe('(3) Parley'));

    fireEvent.click(screen.getByTestId('sidebar-sign-out'));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(document.title).toBe('Parley');
  });

  it('is plain Parley again once the only unread chat is opened', async () => {
    renderApp(
      '/chats/d-bo',
      {
        ...lists(),
        ...chatServer([direct('bo', { lastSeq: 1, unreadCount: 1 })], { 'd-bo': [message('d-bo', 1, 'bo')] }),
      },
      {
        signedIn: true,
      },
    );
    await screen.findByTestId('message');
    await waitFor(() => expect(document.title).toBe('Parley'));
    expect(screen.queryByTestId('chats-unread')).toBeNull();
  });
});
