import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SocketError } from '../../socket/socket';
import {
  bubble,
  bubbles,
  composer,
  direct,
  group,
  message,
  openChat as openChatAt,
  quote,
  serverReplies,
} from '../../test/chat';
import { deferred, json } from '../../test/helpers';
import { attachment } from '../../test/media';
import type { Server } from '../../test/renderApp';
import type { Conversation, Message } from '../store/types';

const textOf = (messageId: string) => within(bubble(messageId)).queryByTestId('message-text')?.textContent;
const type = (text: string) => fireEvent.change(composer(), { target: { value: text } });
const press = (key: string) => fireEvent.keyDown(composer(), { key });
const action = (messageId: string, testId: string) => within(bubble(messageId)).queryByTestId(testId);
const chips = (messageId: string) =>
  within(bubble(messageId))
    .queryAllByTestId('reaction-chip')
    .map((chip) => [chip.dataset.emoji, chip.dataset.count, chip.dataset.mine, chip.title]);
/** A time `minutes` ago: messages sent then are still mine to edit. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A chat whose last message is mine, sent 5 minutes ago: still mine to edit. */
const openChat = (
  conversation: Conversation = direct('bo', { lastSeq: 2 }),
  messages: Message[] = [message('d-bo', 1, 'bo'), message('d-bo', 2, 'ada', { createdAt: ago(5) })],
  extra: Server = {},
) => openChatAt(conversation, messages, extra);

describe('Chat window: replies', () => {
  it('replies from a message: the bar says to whom, Escape and ✕ cancel, the send carries replyToId', async () => {
    const app = await openChat();

    fireEvent.click(action('m1', 'message-reply')!);
    expect(screen.getByTestId('reply-preview').textContent).toContain('Replying to Bo');
    expect(screen.getByTestId('reply-preview').textContent).toContain('message 1');
    expect(document.activeElement).toBe(composer());
    press('Escape');
    expect(screen.queryByTestId('reply-preview')).toBeNull();

    fireEvent.click(action('m2', 'message-reply')!);
    expect(screen.getByTestId('reply-preview').textContent).toContain('Replying to yourself');
    fireEvent.click(screen.getByTestId('reply-cancel'));
    expect(screen.queryByTestId('reply-preview')).toBeNull();

    const answer = deferred<unknown>();
    const replies = serverReplies(3);
    app.socket.reply = (t, data) => (t === 'message.send' ? answer.promise.then(() => replies(t, data)) : {});
    fireEvent.click(action('m1', 'message-reply')!);
    type('sure');
    press('Enter');

    expect(app.socket.sentData('message.send')).toMatchObject([{ text: 'sure', replyToId: 'm1' }]);
    expect(screen.queryByTestId('reply-preview')).toBeNull();
    const pending = bubbles()[2];
    expect(pending.dataset.state).toBe('sending');
    expect(within(pending).getByTestId('reply-quote').textContent).toBe('Bomessage 1');
    // Nothing to answer, react to or edit until the server has it.
    expect(within(pending).queryByTestId('message-reply')).toBeNull();
    expect(within(pending).queryByTestId('message-react')).toBeNull();

    answer.resolve(undefined);
    await waitFor(() => expect(bubbles()[2].dataset.messageId).toBe('m3'));
    expect(within(bubble('m3')).getByTestId('reply-quote').dataset.replyToId).toBe('m1');
  });

  it('quotes the original as it now is: text, deleted, files, a call, or someone I blocked', async () => {
    const bo = message('g-team', 1, 'bo', { text: 'line one\nline two' });
    const cy = message('g-team', 2, 'cy');
    const reply = (seq: number, replyTo: Message['replyTo']) => message('g-team', seq, 'ada', { replyTo });
    await openChat(group('Team', ['bo', 'cy']), [
      bo,
      cy,
      reply(3, quote(bo)),
      reply(4, quote(cy, { deleted: true, text: '' })),
      reply(5, quote(cy, { text: '', attachmentCount: 2 })),
      reply(6, quote(cy, { text: '', attachmentCount: 1 })),
      reply(7, quote(bo, { text: '', kind: 'call' })),
      reply(8, quote(cy, { text: '', senderBlocked: true })),
      reply(9, quote(message('g-team', 0, 'ada'))),
      message('g-team', 10, 'bo', { deleted: true, text: '', replyTo: quote(cy) }),
    ]);

    const quoted = (id: string) => within(bubble(id)).queryByTestId('reply-quote')?.textContent;
    expect(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10'].map(quoted)).toEqual([
      'Boline one line two',
      'CyDeleted message',
      'Cy📎 2 files',
      'Cy📎 1 file',
      'BoCall',
      'Message from a blocked person',
      'Youmessage 0',
      undefined,
    ]);
    expect(action('m10', 'message-reply')).toBeNull();
    expect(action('m10', 'message-react')).toBeNull();
  });

  it('refreshes quotes when the original is edited or deleted for everyone', async () => {
    const original = message('d-bo', 1, 'bo', { text: 'typo' });
    const app = await openChat(direct('bo', { lastSeq: 2 }), [
      original,
      message('d-bo', 2, 'ada', { replyTo: quote(original) }),
    ]);
    const quoted = () => within(bubble('m2')).getByTestId('reply-quote').textContent;

    app.socket.emit('message.updated', {
      message: { ...original, text: 'fixed', version: 3, editedAt: '2026-01-05T11:00:00Z' },
    });
    expect(quoted()).toBe('Bofixed');
    expect(within(bubble('m1')).getByTestId('message-edited').title).toMatch(/^Edited /);

    app.socket.emit('message.deleted', { conversationId: 'd-bo', messageId: 'm1', scope: 'everyone', version: 4 });
    expect(quoted()).toBe('BoDeleted message');
  });

  it('goes to the original on a click on its quote, loading older pages until it is there', async () => {
    const first = message('d-bo', 1, 'bo', { text: 'long ago' });
    const newest = [message('d-bo', 51, 'bo'), message('d-bo', 52, 'ada', { replyTo: quote(first) })];
    const app = await openChat(direct('bo', { lastSeq: 52 }), newest, {
      '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [...newest].reverse(), hasMore: true }),
      '/api/conversations/d-bo/messages?before=m51&limit=50': () =>
        json(200, { items: [message('d-bo', 50, 'bo'), message('d-bo', 49, 'ada')], hasMore: true }),
      '/api/conversations/d-bo/messages?before=m49&limit=50': () =>
        json(200, { items: [message('d-bo', 2, 'bo'), first], hasMore: true }),
    });

    fireEvent.click(within(bubble('m52')).getByTestId('reply-quote'));

    await waitFor(() => expect(bubble('m1')?.dataset.highlighted).toBe('true'));
    expect(app.calls().filter((c) => c.includes('before='))).toEqual([
      'GET /api/conversations/d-bo/messages?before=m51&limit=50',
      'GET /api/conversations/d-bo/messages?before=m49&limit=50',
    ]);
    expect(screen.queryByTestId('reply-original-missing')).toBeNull();
  });

  it('gives up after 20 older pages without the original, and says so', async () => {
    const newest = message('d-bo', 100, 'ada', { replyTo: quote(message('d-bo', 1, 'bo')) });
    const older: Server = {
      '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [newest], hasMore: true }),
    };
    for (let seq = 100; seq > 50; seq--) {
      older[`/api/conversations/d-bo/messages?before=m${seq}&limit=50`] = () =>
        json(200, { items: [message('d-bo', seq - 1, 'bo')], hasMore: true });
    }
    const app = await openChat(direct('bo', { lastSeq: 100 }), [newest], older);

    fireEvent.click(within(bubble('m100')).getByTestId('reply-quote'));

    // Twenty page loads: more than findBy's default second on a busy machine.
    await screen.findByTestId('reply-original-missing', undefined, { timeout: 5_000 });
    expect(app.calls().filter((c) => c.includes('before='))).toHaveLength(20);
  });

  it('says so when the original is not there any more', async () => {
    const gone = message('d-bo', 1, 'bo');
    await openChat(direct('bo', { lastSeq: 3 }), [message('d-bo', 3, 'ada', { replyTo: quote(gone) })]);

    fireEvent.click(within(bubble('m3')).getByTestId('reply-quote'));

    expect((await screen.findByTestId('reply-original-missing')).textContent).toBe(
      'The original message is no longer available',
    );
  });
});

describe('Chat window: editing', () => {
  it('edits my message: prefilled, Enter saves over the socket, the bubble says edited, the draft comes back', async () => {
    const app = await openChat(direct('bo', { lastSeq: 2 }), [
      message('d-bo', 1, 'bo'),
      message('d-bo', 2, 'ada', { text: 'helo', createdAt: ago(5) }),
    ]);
    type('a draft');

    fireEvent.click(action('m2', 'message-edit')!);
    expect(screen.getByTestId('edit-banner').textContent).toContain('Editing message');
    expect(composer().value).toBe('helo');
    expect(screen.getByTestId('send').textContent).toBe('Save');
    expect(screen.queryByTestId('attach')).toBeNull();

    type('hello ');
    press('Enter');

    expect(app.socket.sentData('message.edit')).toEqual([{ conversationId: 'd-bo', messageId: 'm2', text: 'hello' }]);
    await waitFor(() => expect(screen.queryByTestId('edit-banner')).toBeNull());
    expect(textOf('m2')).toBe('hello');
    expect(within(bubble('m2')).getByTestId('message-edited').textContent).toBe('edited');
    expect(composer().value).toBe('a draft');
    expect(screen.getByTestId('conversation-preview').textContent).toBe('hello');
    expect(app.socket.sentData('message.send')).toEqual([]);

    // Its own message.updated, numbered as the ack: nothing changes.
    app.socket.emit('message.updated', {
      message: message('d-bo', 2, 'ada', { text: 'hello', version: 100, editedAt: '2026-01-05T12:30:00Z' }),
    });
    expect(textOf('m2')).toBe('hello');
  });

  it('cancels with Escape or ✕, and leaves without sending when the text did not change', async () => {
    const app = await openChat();

    fireEvent.click(action('m2', 'message-edit')!);
    press('Escape');
    expect(screen.queryByTestId('edit-banner')).toBeNull();
    expect(composer().value).toBe('');

    fireEvent.click(action('m2', 'message-edit')!);
    fireEvent.click(screen.getByTestId('edit-cancel'));
    expect(screen.queryByTestId('edit-banner')).toBeNull();

    fireEvent.click(action('m2', 'message-edit')!);
    type('message 2  ');
    press('Enter');
    expect(screen.queryByTestId('edit-banner')).toBeNull();
    expect(app.socket.sentData('message.edit')).toEqual([]);
  });

  it('edits my last editable message with Up in an empty composer', async () => {
    await openChat(direct('bo', { lastSeq: 4 }), [
      message('d-bo', 1, 'ada', { createdAt: ago(10) }),
      message('d-bo', 2, 'ada', { createdAt: ago(9), text: 'my last' }),
      message('d-bo', 3, 'ada', { createdAt: ago(8), deleted: true, text: '' }),
      message('d-bo', 4, 'bo', { createdAt: ago(7) }),
    ]);

    type('not empty');
    press('ArrowUp');
    expect(screen.queryByTestId('edit-banner')).toBeNull();

    type('');
    press('ArrowUp');
    expect(screen.getByTestId('edit-banner')).toBeTruthy();
    expect(composer().value).toBe('my last');
  });

  it('shows why an edit was refused, and stays in edit mode', async () => {
    const app = await openChat();
    app.socket.reply = () => {
      throw new SocketError('EDIT_WINDOW_CLOSED', 'Too late');
    };

    fireEvent.click(action('m2', 'message-edit')!);
    type('changed');
    press('Enter');

    expect((await screen.findByTestId('edit-error')).textContent).toBe('This message is too old to edit.');
    expect(screen.getByTestId('edit-banner')).toBeTruthy();
    expect(textOf('m2')).toBe('message 2');
  });

  it('offers Edit only on my own text messages of the last 24 hours', async () => {
    const call = { media: 'audio' as const, outcome: 'completed' as const, durationSeconds: 3 };
    await openChat(direct('bo', { lastSeq: 5 }), [
      message('d-bo', 1, 'ada', { createdAt: ago(25 * 60) }),
      message('d-bo', 2, 'bo', { createdAt: ago(5) }),
      message('d-bo', 3, 'ada', { createdAt: ago(5), kind: 'call', call, text: '' }),
      message('d-bo', 4, 'ada', { createdAt: ago(5), deleted: true, text: '' }),
      message('d-bo', 5, 'ada', { createdAt: ago(5) }),
    ]);

    expect(['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => Boolean(action(id, 'message-edit')))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('Chat window: reactions', () => {
  const liked = [{ emoji: '👍', count: 1, userIds: ['id-bo'] }];

  it('toggles my reaction from a chip, applying the ack; the title names who reacted', async () => {
    const app = await openChat(group('Team', ['bo', 'cy']), [message('g-team', 1, 'bo', { reactions: liked })]);
    app.socket.reply = serverReplies(100, { m1: liked });
    expect(chips('m1')).toEqual([['👍', '1', 'false', 'Bo']]);

    fireEvent.click(within(bubble('m1')).getByTestId('reaction-chip'));
    await waitFor(() => expect(chips('m1')).toEqual([['👍', '2', 'true', 'Bo and You']]));

    fireEvent.click(within(bubble('m1')).getByTestId('reaction-chip'));
    await waitFor(() => expect(chips('m1')).toEqual([['👍', '1', 'false', 'Bo']]));

    const reactions = app.socket.sent.filter((f) => f.type.startsWith('reaction.'));
    expect(reactions.map((f) => [f.type, f.data])).toEqual([
      ['reaction.add', { conversationId: 'g-team', messageId: 'm1', emoji: '👍' }],
      ['reaction.remove', { conversationId: 'g-team', messageId: 'm1', emoji: '👍' }],
    ]);
  });

  it('reacts from the picker, which Escape and a click elsewhere close', async () => {
    const app = await openChat();
    const react = () => fireEvent.click(action('m1', 'message-react')!);

    react();
    const picker = screen.getByTestId('reaction-picker');
    expect(
      within(picker)
        .getAllByTestId('reaction-option')
        .map((b) => b.dataset.emoji),
    ).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '🔥']);
    expect(document.activeElement).toBe(within(picker).getAllByTestId('reaction-option')[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('reaction-picker')).toBeNull();
    expect(document.activeElement).toBe(action('m1', 'message-react'));

    react();
    fireEvent.mouseDown(document.body);
    expect(screen.queryByTestId('reaction-picker')).toBeNull();

    react();
    fireEvent.click(screen.getAllByTestId('reaction-option').find((b) => b.dataset.emoji === '🎉')!);
    expect(screen.queryByTestId('reaction-picker')).toBeNull();
    await waitFor(() => expect(chips('m1')).toEqual([['🎉', '1', 'true', 'You']]));
    expect(app.socket.sentData('reaction.add')).toEqual([{ conversationId: 'd-bo', messageId: 'm1', emoji: '🎉' }]);
  });

  it('shows others’ reactions as they come, and an older frame does not undo a newer one', async () => {
    const app = await openChat();
    const frame = (version: number, userIds: string[]) => ({
      conversationId: 'd-bo',
      messageId: 'm2',
      version,
      reactions: [{ emoji: '❤️', count: userIds.length, userIds }],
    });

    app.socket.emit('reaction.updated', frame(5, ['id-bo', 'id-zed']));
    app.socket.emit('reaction.updated', frame(4, ['id-bo']));

    expect(chips('m2')).toEqual([['❤️', '2', 'false', 'Bo and Former member']]);
  });

  it('offers no reactions on a deleted message, nor on one from someone I blocked', async () => {
    await openChat(group('Team', ['bo', 'cy'], { lastSeq: 2 }), [
      message('g-team', 1, 'bo', { deleted: true, text: '' }),
      message('g-team', 2, 'cy', { senderBlocked: true, text: '', attachments: [attachment('a1')], reactions: liked }),
    ]);

    for (const id of ['m1', 'm2']) {
      expect(action(id, 'message-react')).toBeNull();
      expect(chips(id)).toEqual([]);
    }
  });
});
