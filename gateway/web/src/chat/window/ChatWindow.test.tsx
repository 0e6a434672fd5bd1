import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SocketError, type SendFrameType } from '../../socket/socket';
import { bubble, bubbles, composer, direct, group, member, message, openChat, serverReplies } from '../../test/chat';
import { json, noContent } from '../../test/helpers';
import { attachment } from '../../test/media';
import type { renderApp } from '../../test/renderApp';

const texts = () => bubbles().map((b) => within(b).queryByTestId('message-text')?.textContent);
const framesOf = (app: ReturnType<typeof renderApp>, type: SendFrameType) => app.socket.sentData(type);

function type(text: string) {
  fireEvent.change(composer(), { target: { value: text } });
}
function pressEnter(shiftKey = false) {
  fireEvent.keyDown(composer(), { key: 'Enter', shiftKey });
}

describe('Chat window', () => {
  it('shows the history with own messages marked, delivery state, tombstones and day separators', async () => {
    await openChat(direct('bo', { members: [member('ada'), member('bo', { lastReadSeq: 2 })] }), [
      message('d-bo', 1, 'bo', { createdAt: '2026-01-04T10:00:00Z' }),
      message('d-bo', 2, 'ada', { createdAt: '2026-01-05T10:00:00Z' }),
      message('d-bo', 3, 'ada', { createdAt: '2026-01-05T10:05:00Z', text: 'line one\nline two' }),
      message('d-bo', 4, 'bo', { createdAt: '2026-01-05T10:06:00Z', deleted: true, text: '' }),
    ]);

    expect(screen.getByTestId('chat-window').dataset.conversationId).toBe('d-bo');
    expect(screen.getByTestId('chat-title').textContent).toBe('Bo');
    expect(bubbles().map((b) => [b.dataset.messageId, b.dataset.own, b.dataset.state, b.dataset.deleted])).toEqual([
      ['m1', 'false', undefined, 'false'],
      ['m2', 'true', 'read', 'false'],
      ['m3', 'true', 'sent', 'false'],
      ['m4', 'false', undefined, 'true'],
    ]);
    expect(texts()).toEqual(['message 1', 'message 2', 'line one\nline two', 'Message deleted']);
    expect(screen.getAllByTestId('day-separator')).toHaveLength(2);
    expect(bubble('m1').dataset.clientId).toBe('c1');
  });

  it('renders message text as text, never as HTML', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    await openChat(direct('bo'), [message('d-bo', 1, 'bo', { text: attack })]);

    expect(within(bubble('m1')).getByTestId('message-text').textContent).toBe(attack);
    expect(screen.getByTestId('message-list').querySelector('img')).toBeNull();
  });

  it('shows the sender of others’ messages in a group', async () => {
    await openChat(group('Team', ['bo', 'cy']), [message('g-team', 1, 'cy'), message('g-team', 2, 'ada')]);
    expect(bubble('m1').textContent).toContain('Cy');
    expect(within(bubble('m1')).getByTestId('message-sender').textContent).toBe('Cy');
    expect(within(bubble('m2')).queryByTestId('message-sender')).toBeNull();
    expect(screen.getByTestId('chat-members-count').textContent).toBe('3 members');
  });

  it('sends on Enter: sending at once, sent on the ack, one bubble despite the echo, read on read.updated', async () => {
    const app = await openChat();
    let answer: (ack: unknown) => void = () => undefined;
    const replies = serverReplies(3);
    app.socket.reply = (t, data) =>
      t === 'message.send' ? new Promise((resolve) => (answer = () => resolve(replies(t, data)))) : {};

    type('  Hello <b>Bo</b>  ');
    pressEnter();

    expect(composer().value).toBe('');
    const [sent] = app.socket.sentData('message.send');
    expect(sent).toMatchObject({ conversationId: 'd-bo', text: 'Hello <b>Bo</b>' });
    const mine = bubbles()[2];
    expect(mine.dataset).toMatchObject({
      messageId: '',
      clientId: sent.clientMessageId,
      own: 'true',
      state: 'sending',
    });
    expect(framesOf(app, 'typing')).toEqual([
      { conversationId: 'd-bo', active: true },
      { conversationId: 'd-bo', active: false },
    ]);

    answer(undefined);
    await waitFor(() => expect(bubbles()[2].dataset.state).toBe('sent'));
    expect(bubbles()[2].dataset).toMatchObject({ messageId: 'm3', clientId: sent.clientMessageId });
    expect(bubbles()[2]).toBe(mine); // the same element, so a browser test's handle on it stays valid

    app.socket.emit('message.new', {
      message: message('d-bo', 3, 'ada', { text: 'Hello <b>Bo</b>', clientMessageId: sent.clientMessageId }),
    });
    expect(bubbles()).toHaveLength(3);

    app.socket.emit('read.updated', { conversationId: 'd-bo', userId: 'id-bo', messageId: 'm3', seq: 3 });
    expect(bubbles().map((b) => b.dataset.state)).toEqual([undefined, 'read', 'read']);
  });

  it('keeps messages written offline as sending, and sends them in order once connected', async () => {
    const app = await openChat();
    app.socket.setStatus('connecting');

    type('first');
    pressEnter();
    type('second');
    pressEnter();

    expect(
      bubbles()
        .slice(2)
        .map((b) => [b.dataset.state, b.dataset.messageId]),
    ).toEqual([
      ['sending', ''],
      ['sending', ''],
    ]);
    expect(framesOf(app, 'message.send')).toEqual([]);
    const clientIds = bubbles()
      .slice(2)
      .map((b) => b.dataset.clientId);

    app.socket.setStatus('open');

    await waitFor(() =>
      expect(
        bubbles()
          .slice(2)
          .map((b) => b.dataset.state),
      ).toEqual(['sent', 'sent']),
    );
    expect(framesOf(app, 'message.send')).toEqual([
      { conversationId: 'd-bo', clientMessageId: clientIds[0], text: 'first' },
      { conversationId: 'd-bo', clientMessageId: clientIds[1], text: 'second' },
    ]);
    expect(app.calls()).toContain('GET /api/conversations/d-bo/messages?afterSeq=2&limit=100');
  });

  it('keeps Shift+Enter as a new line, and sends nothing blank', async () => {
    const app = await openChat();
    type('first');
    pressEnter(true);
    expect(framesOf(app, 'message.send')).toEqual([]);

    type('   \n  ');
    pressEnter();
    expect(framesOf(app, 'message.send')).toEqual([]);
    expect(screen.getByTestId<HTMLButtonElement>('send').disabled).toBe(true);
  });

  it('counts characters near the limit and refuses more than 4000', async () => {
    const app = await openChat();
    type('x'.repeat(3400));
    expect(screen.queryByTestId('composer-counter')).toBeNull();

    type('x'.repeat(4001));
    expect(screen.getByTestId('composer-counter').textContent).toBe('4001 / 4000');
    fireEvent.click(screen.getByTestId('send'));
    expect(framesOf(app, 'message.send')).toEqual([]);
  });

  it('marks a refused send failed with the reason, and retries it with the same id', async () => {
    const app = await openChat();
    app.socket.reply = () => {
      throw new SocketError('BLOCKED', 'Blocked');
    };
    type('hi');
    pressEnter();

    const failed = await waitFor(() => {
      const b = bubbles()[2];
      expect(b.dataset.state).toBe('failed');
      return b;
    });
    expect(within(failed).getByTestId('send-error').textContent).toBe("You can't message this person.");

    app.socket.reply = serverReplies(3);
    fireEvent.click(within(failed).getByTestId('retry-send'));
    await waitFor(() => expect(bubbles()[2].dataset.state).toBe('sent'));
    const ids = app.socket.sentData('message.send').map((f) => f.clientMessageId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('sends read for the newest message from others and clears the badge when opened', async () => {
    const app = await openChat(direct('bo', { lastSeq: 3, unreadCount: 2 }), [
      message('d-bo', 1, 'ada'),
      message('d-bo', 2, 'bo'),
      message('d-bo', 3, 'bo'),
    ]);

    await waitFor(() => expect(framesOf(app, 'read')).toEqual([{ conversationId: 'd-bo', messageId: 'm3' }]));
    expect(screen.queryByTestId('unread-badge')).toBeNull();
    expect(screen.queryByTestId('chats-unread')).toBeNull();

    app.socket.emit('message.new', { message: message('d-bo', 4, 'bo') });
    await waitFor(() => expect(framesOf(app, 'read')).toHaveLength(2));
    expect(framesOf(app, 'read')[1]).toEqual({ conversationId: 'd-bo', messageId: 'm4' });
    expect(screen.queryByTestId('unread-badge')).toBeNull();
  });

  it('deletes for everyone my own message only, and for me any message', async () => {
    const app = await openChat();
    fireEvent.click(within(bubble('m1')).getByTestId('message-menu'));
    expect(screen.queryByTestId('delete-for-everyone')).toBeNull();
    fireEvent.click(screen.getByTestId('delete-for-me'));
    await waitFor(() => expect(bubble('m1')).toBeUndefined());

    fireEvent.click(within(bubble('m2')).getByTestId('message-menu'));
    fireEvent.click(screen.getByTestId('delete-for-everyone'));
    await waitFor(() => expect(bubble('m2').dataset.deleted).toBe('true'));
    expect(within(bubble('m2')).getByTestId('message-text').textContent).toBe('Message deleted');
    expect(framesOf(app, 'message.delete')).toEqual([
      { conversationId: 'd-bo', messageId: 'm1', scope: 'me' },
      { conversationId: 'd-bo', messageId: 'm2', scope: 'everyone' },
    ]);
  });

  it('lets a group admin delete anyone’s message for everyone', async () => {
    await openChat(group('Team', ['bo']), [message('g-team', 1, 'bo')]);
    fireEvent.click(within(bubble('m1')).getByTestId('message-menu'));
    expect(screen.getByTestId('delete-for-everyone')).toBeTruthy();
  });

  it('shows a message from someone I blocked as a placeholder in its place, never its sender or content', async () => {
    // As the server sends it: no content. The live one carries some all the same, which must not show either.
    const blocked = { senderBlocked: true, text: '', attachments: [] };
    const app = await openChat(group('Team', ['bo', 'cy'], { lastSeq: 3 }), [
      message('g-team', 1, 'bo'),
      message('g-team', 2, 'cy', blocked),
      message('g-team', 3, 'ada'),
    ]);
    app.socket.emit('message.new', {
      message: message('g-team', 4, 'cy', { ...blocked, text: 'leaked', attachments: [attachment('a1')] }),
    });

    await waitFor(() => expect(bubbles()).toHaveLength(4));
    const placeholder = 'Hidden message from a blocked person';
    expect(texts()).toEqual(['message 1', placeholder, 'message 3', placeholder]);
    expect(bubbles().map((b) => b.dataset.senderBlocked)).toEqual([undefined, 'true', undefined, 'true']);
    for (const id of ['m2', 'm4']) {
      expect(within(bubble(id)).getByTestId('message-bubble').textContent).not.toMatch(/Cy|leaked|Attachment/);
      // Only "Delete for me", even for an admin: nothing to act on that I cannot see.
      fireEvent.click(within(bubble(id)).getByTestId('message-menu'));
      expect(screen.getByTestId('delete-for-me')).toBeTruthy();
      expect(screen.queryByTestId('delete-for-everyone')).toBeNull();
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    }
  });

  it('shows why a delete was refused', async () => {
    const app = await openChat();
    app.socket.reply = () => {
      throw new SocketError('NOT_SENDER', 'no');
    };
    fireEvent.click(within(bubble('m2')).getByTestId('message-menu'));
    fireEvent.click(screen.getByTestId('delete-for-everyone'));
    expect((await screen.findByTestId('action-error')).textContent).toBe(
      'Only the sender can delete this message for everyone.',
    );
  });

  it('clears the conversation from the header menu', async () => {
    const app = await openChat(direct('bo', { lastSeq: 2 }), undefined, {
      'DELETE /api/conversations/d-bo/messages': noContent,
    });
    fireEvent.click(screen.getByTestId('chat-menu'));
    fireEvent.click(screen.getByTestId('clear-conversation'));

    await waitFor(() => expect(bubbles()).toEqual([]));
    expect(app.calls()).toContain('DELETE /api/conversations/d-bo/messages');
    expect(screen.getByTestId('conversation-preview').textContent).toBe('No messages yet');
  });

  it('shows who is typing until they stop', async () => {
    const app = await openChat(group('Team', ['bo', 'cy']), [message('g-team', 1, 'bo')]);
    expect(screen.queryByTestId('typing-indicator')).toBeNull();

    app.socket.emit('typing', { conversationId: 'g-team', userId: 'id-bo', active: true, expiresInSeconds: 6 });
    app.socket.emit('typing', { conversationId: 'g-team', userId: 'id-cy', active: true, expiresInSeconds: 6 });
    expect(screen.getByTestId('typing-indicator').textContent).toBe('Bo and Cy are typing…');

    app.socket.emit('typing', { conversationId: 'g-team', userId: 'id-bo', active: false, expiresInSeconds: 6 });
    app.socket.emit('message.new', { message: message('g-team', 2, 'cy') });
    expect(screen.queryByTestId('typing-indicator')).toBeNull();
  });

  it('shows the peer’s presence in the header', async () => {
    const app = await openChat();
    expect(screen.getByTestId('chat-presence').textContent).toBe('offline');

    app.socket.emit('presence', { userId: 'id-bo', online: true, lastSeenAt: null });
    expect(screen.getByTestId('chat-presence').textContent).toBe('online');

    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 1_000).toISOString();
    app.socket.emit('presence', { userId: 'id-bo', online: false, lastSeenAt: fiveMinutesAgo });
    expect(screen.getByTestId('chat-presence').textContent).toBe('last seen 5 min ago');
  });

  it('loads older messages before the oldest one when scrolled to the top', async () => {
    const first = [message('d-bo', 51, 'bo'), message('d-bo', 52, 'bo')];
    const app = await openChat(direct('bo', { lastSeq: 52 }), first, {
      '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [...first].reverse(), hasMore: true }),
      '/api/conversations/d-bo/messages?before=m51&limit=50': () =>
        json(200, { items: [message('d-bo', 50, 'bo'), message('d-bo', 49, 'ada')], hasMore: false }),
    });

    fireEvent.scroll(screen.getByTestId('message-list'));

    await waitFor(() => expect(bubbles().map((b) => b.dataset.messageId)).toEqual(['m49', 'm50', 'm51', 'm52']));
    expect(app.calls().filter((c) => c.includes('before='))).toEqual([
      'GET /api/conversations/d-bo/messages?before=m51&limit=50',
    ]);
    expect(screen.queryByTestId('load-older')).toBeNull();
  });
});
