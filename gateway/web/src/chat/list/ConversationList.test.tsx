import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chatServer, direct, group, message } from '../../test/chat';
import { attachment } from '../../test/media';
import { friend, lists } from '../../test/people';
import { currentPath, renderApp } from '../../test/renderApp';

const rows = () => screen.queryAllByTestId('conversation-item');
const ids = () => rows().map((r) => r.getAttribute('data-conversation-id'));
const row = (id: string) => rows().find((r) => r.getAttribute('data-conversation-id') === id) as HTMLElement;
const text = (id: string, testId: string) => within(row(id)).queryByTestId(testId)?.textContent ?? null;
const navBadge = () => screen.queryByTestId('chats-unread')?.textContent ?? null;

const CONVERSATIONS = [
  direct('bo', {
    lastSeq: 3,
    unreadCount: 2,
    lastActivityAt: '2026-01-05T10:03:00Z',
    lastMessage: message('d-bo', 3, 'bo', { text: 'See you\nat noon' }),
  }),
  group('Team', ['bo', 'cy'], {
    lastSeq: 9,
    lastActivityAt: '2026-01-06T08:00:00Z',
    lastMessage: message('g-team', 9, 'cy', { deleted: true, text: '' }),
  }),
  direct('cy', {
    lastSeq: 1,
    lastActivityAt: '2026-01-04T08:00:00Z',
    lastMessage: message('d-cy', 1, 'ada', { text: '', attachments: [attachment('a1')] }),
  }),
];

function show(path = '/chats', conversations = CONVERSATIONS) {
  return renderApp(path, { ...lists(), ...chatServer(conversations) }, { signedIn: true });
}

describe('Conversation list', () => {
  it('shows each conversation with title, preview, unread badge and presence, most recent first', async () => {
    show();

    await waitFor(() => expect(ids()).toEqual(['g-team', 'd-bo', 'd-cy']));
    expect(text('g-team', 'conversation-title')).toBe('Team');
    expect(text('g-team', 'conversation-preview')).toBe('Message deleted');
    expect(text('g-team', 'presence-dot')).toBeNull();
    expect(text('d-bo', 'conversation-title')).toBe('Bo');
    expect(text('d-bo', 'conversation-preview')).toBe('See you at noon');
    expect(text('d-bo', 'unread-badge')).toBe('2');
    expect(within(row('d-bo')).getByTestId('presence-dot').getAttribute('data-online')).toBe('false');
    expect(text('d-cy', 'conversation-preview')).toBe('🖼️ Photo');
    expect(text('d-cy', 'preview-author')).toBe('You: ');
    expect(text('g-team', 'preview-author')).toBeNull();
    expect(text('d-cy', 'unread-badge')).toBeNull();
    expect(row('d-bo').getAttribute('href')).toBe('/chats/d-bo');
    expect(navBadge()).toBe('2');
    expect(screen.getByTestId('nav-chats').getAttribute('href')).toBe('/chats');
  });

  it('is the home page once signed in', async () => {
    show('/');
    await waitFor(() => expect(ids()).toHaveLength(3));
    expect(screen.getByRole('heading', { name: 'Select a conversation' })).toBeTruthy();
  });

  it('moves a conversation up on a new message and counts it once, however often the frame comes', async () => {
    const app = show();
    await waitFor(() => expect(ids()).toEqual(['g-team', 'd-bo', 'd-cy']));

    const frame = { message: message('d-cy', 2, 'cy', { text: 'Ping', createdAt: '2026-01-07T09:00:00Z' }) };
    app.socket.emit('message.new', frame);
    app.socket.emit('message.new', frame);

    expect(ids()).toEqual(['d-cy', 'g-team', 'd-bo']);
    expect(text('d-cy', 'conversation-preview')).toBe('Ping');
    expect(text('d-cy', 'unread-badge')).toBe('1');
    expect(navBadge()).toBe('3');
  });

  it('previews a message from someone I blocked as "Hidden message", unnamed and never unread', async () => {
    const hidden = { senderBlocked: true, text: '', attachments: [] };
    const app = show('/chats', [
      group('Team', ['bo', 'cy'], { lastSeq: 2, lastMessage: message('g-team', 2, 'cy', hidden) }),
      group('Club', ['bo'], { lastSeq: 1, lastMessage: message('g-club', 1, 'bo') }),
    ]);
    await waitFor(() => expect(ids()).toHaveLength(2));
    expect(text('g-team', 'conversation-preview')).toBe('Hidden message');
    expect(within(row('g-team')).queryByTestId('preview-author')).toBeNull();

    app.socket.emit('message.new', {
      message: message('g-club', 2, 'bo', { ...hidden, createdAt: '2026-01-07T09:00:00Z' }),
    });

    expect(text('g-club', 'conversation-preview')).toBe('Hidden message');
    expect(within(row('g-club')).queryByTestId('preview-author')).toBeNull();
    expect(text('g-club', 'unread-badge')).toBeNull();
    expect(navBadge()).toBeNull();

    app.socket.emit('message.new', { message: message('g-club', 3, 'bo', { createdAt: '2026-01-07T09:01:00Z' }) });

    expect(text('g-club', 'conversation-preview')).toBe('message 3');
    expect(text('g-club', 'unread-badge')).toBe('1');
  });

  it('follows presence frames, in the list and on the sidebar friends', async () => {
    const app = renderApp(
      '/chats',
      { ...lists({ friends: [friend('bo')] }), ...chatServer(CONVERSATIONS) },
      { signedIn: true },
    );
    await waitFor(() => expect(ids()).toHaveLength(3));
    // Grey until presence is known (no data-online), green once online.
    const sidebarDot = () =>
      within(screen.getByTestId('friend-bo')).getByTestId('presence').getAttribute('data-online');
    expect(sidebarDot()).toBeNull();

    app.socket.emit('presence', { userId: 'id-bo', online: true, lastSeenAt: null });

    expect(within(row('d-bo')).getByTestId('presence-dot').getAttribute('data-online')).toBe('true');
    expect(sidebarDot()).toBe('true');
  });

  it('drops a conversation I was removed from, leaving it when it is open', async () => {
    const app = show('/chats/d-bo');
    await screen.findByTestId('chat-window');

    app.socket.emit('conversation.removed', { conversationId: 'd-bo' });

    await waitFor(() => expect(currentPath()).toBe('/chats'));
    expect(ids()).toEqual(['g-team', 'd-cy']);
  });

  it('adds a conversation from conversation.updated', async () => {
    const app = show('/chats', []);
    expect(await screen.findByTestId('conversations-empty')).toBeTruthy();

    const { myRole: _r, lastMessage: _l, unreadCount: _u, ...created } = group('Trip', ['bo'], { myRole: 'MEMBER' });
    app.socket.emit('conversation.updated', { conversation: created });

    expect(ids()).toEqual(['g-trip']);
    expect(text('g-trip', 'conversation-preview')).toBe('No messages yet');
  });
});
