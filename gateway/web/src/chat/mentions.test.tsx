import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FrameType } from '../socket/protocol';
import { bubble, chatServer, composer, group, ME, message, openChat } from '../test/chat';
import { lists } from '../test/people';
import { renderApp } from '../test/renderApp';
import { mentionMatches, mentionParts, mentionQuery } from './mentions';
import { toMessage, toMuted } from './store/frameData';

const TEAM = group('Team', ['bob', 'beth', 'cyd'], { lastSeq: 2 });
const mentionsIn = (messageId: string) =>
  within(bubble(messageId))
    .queryAllByTestId('mention')
    .map((m) => m.textContent);

describe('mentions', () => {
  it('finds @username of the members mentioned, in any case, not inside an address nor past a full stop', () => {
    const members = TEAM.members;
    expect(mentionParts('Hi @BOB and @beth.', ['id-bob', 'id-beth'], members)).toEqual([
      { text: 'Hi ' },
      { text: '@BOB', userId: 'id-bob' },
      { text: ' and ' },
      { text: '@beth', userId: 'id-beth' },
      { text: '.' },
    ]);
    // Not mentioned by the server (here: cyd), inside an address, or a longer name: plain text.
    expect(mentionParts('mail@bob.org @cyd @bobby', ['id-bob'], members)).toEqual([
      { text: 'mail@bob.org @cyd @bobby' },
    ]);
    expect(mentionParts('@bob', undefined, members)).toEqual([{ text: '@bob' }]);
    expect(mentionQuery('hi @Be', 6)).toEqual({ start: 3, query: 'Be' });
    expect(mentionQuery('mail@be', 7)).toBeNull();
    expect(mentionMatches(members, ME, 'B').map((m) => m.user.username)).toEqual(['bob', 'beth']);
    expect(mentionMatches(members, ME, 'a')).toEqual([]); // never me
    // Read leniently: what is not a user id is dropped, a missing list is none.
    const base = { id: 'm1', conversationId: 'g-team', seq: 1, senderId: 'id-bob' };
    expect(toMessage({ ...base, mentions: [ME, 5, ''] })?.mentions).toEqual([ME]);
    expect(toMessage(base)?.mentions).toEqual([]);
    expect(toMuted({ conversationId: 'g-team' })).toEqual({ conversationId: 'g-team', mutedUntil: null });
  });

  it('shows mentions highlighted, as text, and marks a message that mentions me', async () => {
    await openChat(TEAM, [
      message('g-team', 1, 'bob', { text: 'Hey @ada, ask @Beth <b>now</b>', mentions: [ME, 'id-beth'] }),
      message('g-team', 2, 'beth', { text: 'me@ada.org says @bob', mentions: ['id-bob'] }),
    ]);

    expect(mentionsIn('m1')).toEqual(['@ada', '@Beth']);
    expect(within(bubble('m1')).getByTestId('message-text').textContent).toBe('Hey @ada, ask @Beth <b>now</b>');
    expect(bubble('m1').querySelector('b')).toBeNull();
    expect(bubble('m1').dataset.mentionsMe).toBe('true');
    expect(mentionsIn('m2')).toEqual(['@bob']);
    expect(bubble('m2').dataset.mentionsMe).toBeUndefined();
  });

  it('counts unread mentions live in the list with an @ badge, cleared when the chat is read', async () => {
    const other = group('Other', ['bob'], { id: 'g-other', lastSeq: 1, lastActivityAt: '2026-01-01T08:00:00Z' });
    const team = { ...TEAM, unreadCount: 1, unreadMentions: 1 };
    const app = renderApp('/chats/g-other', { ...lists(), ...chatServer([team, other]) }, { signedIn: true });
    const badge = () => screen.queryByTestId(`mention-badge`);
    await waitFor(() => expect(badge()).not.toBeNull());
    const row = badge()!.closest('[data-testid="conversation-item"]') as HTMLElement;
    expect(row.dataset.conversationId).toBe('g-team');

    // Mine, and someone else's without me, do not count; the one naming me does.
    app.socket.emit(FrameType.MESSAGE_NEW, {
      message: message('g-team', 3, 'bob', { text: 'hi all', mentions: [] }),
    });
    app.socket.emit(FrameType.MESSAGE_NEW, {
      message: message('g-team', 4, 'ada', { text: '@bob hi', mentions: ['id-bob'] }),
    });
    app.socket.emit(FrameType.MESSAGE_NEW, {
      message: message('g-team', 5, 'beth', { text: '@ada look', mentions: [ME] }),
    });
    expect(within(row).getByTestId('unread-badge').textContent).toBe('3');
    expect(within(row).getByTestId('mention-badge').getAttribute('aria-label')).toBe('You were mentioned 2 times');

    // In the chat I am reading, nothing counts.
    app.socket.emit(FrameType.MESSAGE_NEW, {
      message: message('g-other', 2, 'bob', { text: '@ada', mentions: [ME] }),
    });
    const otherRow = screen
      .getAllByTestId('conversation-item')
      .find((r) => r.dataset.conversationId === 'g-other') as HTMLElement;
    await waitFor(() => expect(within(otherRow).queryByTestId('mention-badge')).toBeNull());

    fireEvent.click(row);
    await waitFor(() => expect(within(row).queryByTestId('mention-badge')).toBeNull());
    expect(within(row).queryByTestId('unread-badge')).toBeNull();
  });

  it('suggests the members as @ and a name are typed, picked with the keyboard or a click', async () => {
    const app = await openChat(TEAM, [message('g-team', 1, 'bob'), message('g-team', 2, 'ada')]);
    const options = () => screen.queryAllByTestId('mention-option').map((o) => o.dataset.username);
    const type = (text: string) => fireEvent.change(composer(), { target: { value: text } });
    const press = (key: string) => fireEvent.keyDown(composer(), { key });

    type('ask @b');
    expect(screen.getByTestId('mention-suggestions')).toBeTruthy();
    expect(options()).toEqual(['bob', 'beth']);
    press('ArrowDown');
    press('Enter');
    expect(composer().value).toBe('ask @beth ');
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
    expect(app.socket.sentData(FrameType.MESSAGE_SEND)).toEqual([]); // Enter picked, it did not send

    // By display name too, any case; Escape closes the list and Enter then sends.
    type('ask @beth and @C');
    expect(options()).toEqual(['cyd']);
    press('Tab');
    expect(composer().value).toBe('ask @beth and @cyd ');
    type('ask @beth and @cyd @');
    expect(options()).toEqual(['bob', 'beth', 'cyd']);
    press('Escape');
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
    type('@x');
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
    type('hey @bo');
    fireEvent.click(screen.getAllByTestId('mention-option')[0]);
    expect(composer().value).toBe('hey @bob ');
    press('Enter');
    await waitFor(() => expect(app.socket.sentData(FrameType.MESSAGE_SEND).map((d) => d.text)).toEqual(['hey @bob']));
  });

  it('suggests nobody in a direct chat', async () => {
    await openChat();
    fireEvent.change(composer(), { target: { value: '@b' } });
    expect(screen.queryByTestId('mention-suggestions')).toBeNull();
  });
});
