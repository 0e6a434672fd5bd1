import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameType } from '../socket/protocol';
import { chatServer, direct, group, ME, message } from '../test/chat';
import { attachment } from '../test/media';
import { lists } from '../test/people';
import { currentPath, renderApp } from '../test/renderApp';
import { createNotifier, type NotificationApi } from './notifications';
import { initialChatState, chatReducer } from './store/chatState';
import type { Conversation } from './store/types';

/** A stand-in for the browser's Notification: what was shown, with a permission the test sets. */
function fakeNotifications(permission: NotificationPermission = 'granted') {
  const shown: FakeNotification[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(() => Promise.resolve<NotificationPermission>('granted'));
    onclick: ((event: Event) => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options?: NotificationOptions,
    ) {
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
    click() {
      this.onclick?.(new Event('click'));
    }
  }
  return { Api: FakeNotification as unknown as NotificationApi & typeof FakeNotification, shown };
}

const FOREVER = '9999-12-31T23:59:59Z';
const TEAM = group('Team', ['bob', 'beth'], { lastSeq: 1 });
const BO = direct('bo', { lastSeq: 1 });

function stateWith(...conversations: Conversation[]) {
  return chatReducer(initialChatState(ME), { type: 'listLoaded', items: conversations });
}

describe('notifier', () => {
  it('notifies of others’ messages only while hidden and permitted, muted chats only when I am mentioned', () => {
    const { Api, shown } = fakeNotifications();
    let hidden = true;
    const focus = vi.fn();
    const notify = createNotifier({ notificationApi: () => Api, isHidden: () => hidden, focus });
    const open = vi.fn();
    const state = stateWith(BO, TEAM, { ...group('Quiet', ['bob']), mutedUntil: FOREVER });

    notify.message(state, message('d-bo', 2, 'bo', { text: 'Hello' }), open);
    notify.message(state, message('g-team', 2, 'bob', { text: '', attachments: [attachment('a1')] }), open);
    expect(shown.map((n) => [n.title, n.options?.body, n.options?.tag])).toEqual([
      ['Bo', 'Hello', 'd-bo'],
      ['Bob in Team', '📎 Attachment', 'g-team'],
    ]);

    // Mine, deleted, from someone I blocked, a call's record: nothing.
    notify.message(state, message('d-bo', 3, 'ada'), open);
    notify.message(state, message('d-bo', 4, 'bo', { deleted: true, text: '' }), open);
    notify.message(state, message('g-team', 5, 'bob', { senderBlocked: true, text: '' }), open);
    notify.message(state, message('d-bo', 6, 'bo', { kind: 'call', text: '' }), open);
    // Muted: nothing, unless it mentions me.
    notify.message(state, message('g-quiet', 7, 'bob', { text: 'psst' }), open);
    notify.message(state, message('g-quiet', 8, 'bob', { text: '@ada psst', mentions: [ME] }), open);
    expect(shown.map((n) => n.title)).toEqual(['Bo', 'Bob in Team', 'Bob in Quiet']);

    // Visible: nothing.
    hidden = false;
    notify.message(state, message('d-bo', 9, 'bo'), open);
    expect(shown).toHaveLength(3);

    shown[1].click();
    expect(focus).toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('g-team');
    expect(shown[1].closed).toBe(true);
  });

  it('shows nothing without permission, and calls except a muted group’s ring', () => {
    const denied = fakeNotifications('default');
    const quiet = createNotifier({ notificationApi: () => denied.Api, isHidden: () => true });
    quiet.message(stateWith(BO), message('d-bo', 2, 'bo'), () => undefined);
    quiet.call({ callerName: 'Bo', media: 'video' });
    expect(denied.shown).toEqual([]);
    expect(createNotifier({ notificationApi: () => null }).call({ callerName: 'Bo', media: 'audio' })).toBeNull();

    const { Api, shown } = fakeNotifications();
    const notify = createNotifier({ notificationApi: () => Api, isHidden: () => true });
    notify.call({ callerName: 'Bo', media: 'video' });
    notify.call({ callerName: 'Bob', media: 'audio', groupName: 'Team', mutedUntil: FOREVER });
    notify.call({ callerName: 'Bob', media: 'audio', groupName: 'Team', mutedUntil: '2020-01-01T00:00:00Z' });
    expect(shown.map((n) => [n.title, n.options?.body])).toEqual([
      ['Incoming video call from Bo', ''],
      ['Incoming audio call from Bob', 'In Team'],
    ]);
  });
});

describe('notifications in the app', () => {
  let visibility: DocumentVisibilityState = 'visible';
  beforeEach(() => {
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  const show = (path = '/chats') => renderApp(path, { ...lists(), ...chatServer([BO, TEAM]) }, { signedIn: true });

  it('offers to turn notifications on; "Turn on" asks the browser, "Not now" is remembered', async () => {
    const { Api } = fakeNotifications('default');
    vi.stubGlobal('Notification', Api);
    show();
    fireEvent.click(await screen.findByTestId('notify-enable'));
    expect(Api.requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('notify-prompt')).toBeNull();
  });

  it('hides the offer for good after "Not now", and once the browser was answered', async () => {
    const { Api } = fakeNotifications('default');
    vi.stubGlobal('Notification', Api);
    show();
    fireEvent.click(await screen.findByTestId('notify-dismiss'));
    expect(screen.queryByTestId('notify-prompt')).toBeNull();
    expect(Api.requestPermission).not.toHaveBeenCalled();

    // Later, in the same browser: not offered again.
    cleanup();
    show();
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(2));
    expect(screen.queryByTestId('notify-prompt')).toBeNull();
  });

  it('notifies of a new message while the tab is hidden, and a click opens its chat', async () => {
    const { Api, shown } = fakeNotifications('granted');
    vi.stubGlobal('Notification', Api);
    const app = show();
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(2));
    expect(screen.queryByTestId('notify-prompt')).toBeNull();

    app.socket.emit(FrameType.MESSAGE_NEW, { message: message('d-bo', 2, 'bo', { text: 'seen?' }) });
    expect(shown).toEqual([]); // the tab is visible

    visibility = 'hidden';
    app.socket.emit(FrameType.MESSAGE_NEW, { message: message('g-team', 2, 'beth', { text: 'hello team' }) });
    app.socket.emit(FrameType.MESSAGE_NEW, { message: message('g-team', 3, 'ada', { text: 'mine' }) });
    expect(shown.map((n) => [n.title, n.options?.body, n.options?.tag])).toEqual([
      ['Beth in Team', 'hello team', 'g-team'],
    ]);
    shown[0].click();
    await waitFor(() => expect(currentPath()).toBe('/chats/g-team'));
  });

  it('stays quiet for a muted chat unless the message mentions me', async () => {
    const { Api, shown } = fakeNotifications('granted');
    vi.stubGlobal('Notification', Api);
    visibility = 'hidden';
    const app = show();
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(2));
    app.socket.emit(FrameType.CONVERSATION_MUTED, { conversationId: 'g-team', mutedUntil: FOREVER });

    app.socket.emit(FrameType.MESSAGE_NEW, { message: message('g-team', 2, 'beth', { text: 'quiet' }) });
    app.socket.emit(FrameType.MESSAGE_NEW, {
      message: message('g-team', 3, 'beth', { text: '@ada loud', mentions: [ME] }),
    });
    expect(shown.map((n) => n.options?.body)).toEqual(['@ada loud']);
  });

  it('notifies of an incoming call while hidden, not of a muted group’s ring', async () => {
    const { Api, shown } = fakeNotifications('granted');
    vi.stubGlobal('Notification', Api);
    visibility = 'hidden';
    const app = show();
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(2));
    app.socket.emit(FrameType.CONVERSATION_MUTED, { conversationId: 'g-team', mutedUntil: FOREVER });
    app.socket.emit(FrameType.CALL_INCOMING, {
      callId: 'c1',
      conversationId: 'g-team',
      caller: { id: 'id-bob' },
      media: 'audio',
      group: true,
      participants: ['id-bob'],
    });
    await screen.findByTestId('call-incoming');
    expect(shown).toEqual([]);
    app.socket.emit(FrameType.CALL_INCOMING, {
      callId: 'c2',
      conversationId: 'd-bo',
      caller: { id: 'id-bo' },
      media: 'video',
      group: false,
      participants: ['id-bo'],
    });
    await waitFor(() => expect(shown.map((n) => n.title)).toEqual(['Incoming video call from Bo']));
  });
});
