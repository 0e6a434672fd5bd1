import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chatServer, direct, group, member } from '../../test/chat';
import { deferred, json, noContent, problem } from '../../test/helpers';
import { friend, lists, person } from '../../test/people';
import { currentPath, renderApp, type Server } from '../../test/renderApp';
import type { Conversation } from '../store/types';

const FRIENDS = lists({ friends: [friend('bo'), friend('cy'), friend('di')] });
const signedIn = (path: string, server: Server) => renderApp(path, { ...FRIENDS, ...server }, { signedIn: true });
const option = (userId: string) =>
  screen.getAllByTestId('group-member-option').find((o) => o.dataset.userId === userId) as HTMLInputElement;
const memberRow = (userId: string) =>
  screen.getAllByTestId('group-member').find((r) => r.dataset.userId === userId) as HTMLElement;

describe('Starting chats', () => {
  it('"Message" on a friend\'s profile opens the direct conversation', async () => {
    const app = signedIn('/people/id-bo', {
      ...chatServer([]),
      '/api/users/id-bo': () => json(200, person('bo', 'FRIEND')),
      'POST /api/conversations/direct': () => json(201, direct('bo')),
      '/api/conversations/d-bo/messages?limit=50': () => json(200, { items: [], hasMore: false }),
    });

    // The sidebar's friend rows have a Message button too.
    fireEvent.click(within(await screen.findByTestId('person-profile')).getByTestId('open-chat'));

    await waitFor(() => expect(currentPath()).toBe('/chats/d-bo'));
    expect(app.bodies('/api/conversations/direct')).toEqual([{ userId: 'id-bo' }]);
    expect((await screen.findByTestId('chat-title')).textContent).toBe('Bo');
  });

  it('offers "Message" only to friends on their profile', async () => {
    signedIn('/people/id-zed', { ...chatServer([]), '/api/users/id-zed': () => json(200, person('zed')) });
    await screen.findByTestId('add-friend');
    expect(within(screen.getByTestId('person-profile')).queryByTestId('open-chat')).toBeNull();
  });

  it('"Message" on a sidebar friend opens the chat, and says why when it cannot', async () => {
    const app = signedIn('/chats', {
      ...chatServer([direct('bo')]),
      'POST /api/conversations/direct': (body) =>
        (body as { userId: string }).userId === 'id-cy'
          ? problem(403, 'NOT_FRIENDS', 'Not friends')
          : json(200, direct('bo')),
    });
    const sidebarButton = async (username: string) =>
      within(await screen.findByTestId(`friend-${username}`)).getByTestId('open-chat');

    fireEvent.click(await sidebarButton('bo'));
    await waitFor(() => expect(currentPath()).toBe('/chats/d-bo'));

    fireEvent.click(await sidebarButton('cy'));
    expect((await within(screen.getByTestId('friend-cy')).findByTestId('action-error')).textContent).toBe(
      'You can only message your friends.',
    );
    expect(app.bodies('/api/conversations/direct')).toEqual([{ userId: 'id-bo' }, { userId: 'id-cy' }]);
  });

  it('"Message" on the friends page opens the chat', async () => {
    signedIn('/friends', { ...chatServer([]), 'POST /api/conversations/direct': () => json(201, direct('di')) });
    fireEvent.click(within(await screen.findByTestId('friends-item-di')).getByTestId('open-chat'));
    await waitFor(() => expect(currentPath()).toBe('/chats/d-di'));
  });
});

describe('New group', () => {
  it('posts the title and the chosen friends, then opens the group', async () => {
    const created = group('Climbing', ['bo', 'di']);
    const app = signedIn('/chats', { ...chatServer([]), 'POST /api/conversations': () => json(201, created) });

    fireEvent.click(screen.getByTestId('new-group'));
    await waitFor(() => expect(screen.getAllByTestId('group-member-option')).toHaveLength(3));
    const create = screen.getByTestId<HTMLButtonElement>('create-group');
    expect(create.disabled).toBe(true);

    fireEvent.change(screen.getByTestId('group-title'), { target: { value: '  Climbing  ' } });
    fireEvent.click(option('id-bo'));
    fireEvent.click(option('id-di'));
    fireEvent.click(option('id-cy'));
    fireEvent.click(option('id-cy'));
    fireEvent.click(create);

    await waitFor(() => expect(currentPath()).toBe('/chats/g-climbing'));
    // The list's GETs share the URL and have no body.
    expect(app.bodies('/api/conversations').filter(Boolean)).toEqual([
      { title: 'Climbing', memberIds: ['id-bo', 'id-di'] },
    ]);
    expect(screen.queryByTestId('new-group-dialog')).toBeNull();
    expect((await screen.findByTestId('chat-title')).textContent).toBe('Climbing');
  });

  it("shows the server's reason under the title", async () => {
    signedIn('/chats', {
      ...chatServer([]),
      'POST /api/conversations': () =>
        problem(400, 'VALIDATION_FAILED', 'Invalid', [{ field: 'title', message: 'The title is too long.' }]),
    });
    fireEvent.click(screen.getByTestId('new-group'));
    fireEvent.change(screen.getByTestId('group-title'), { target: { value: 'x' } });
    fireEvent.click(await waitFor(() => option('id-bo')));
    fireEvent.click(screen.getByTestId('create-group'));

    expect(await screen.findByText('The title is too long.')).toBeTruthy();
  });
});

describe('Group info', () => {
  const team = (extra: Partial<Conversation> = {}) =>
    group('Team', ['bo', 'cy'], { members: [member('ada', { role: 'ADMIN' }), member('bo'), member('cy')], ...extra });

  async function openInfo(conversation: Conversation, server: Server = {}) {
    const app = signedIn('/chats/g-team', { ...chatServer([conversation]), ...server });
    fireEvent.click(await screen.findByTestId('group-info'));
    return app;
  }
  /** The panel's buttons are disabled while a request runs; the list may show its result a render earlier. */
  const idle = () => waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('group-leave').disabled).toBe(false));

  it('lists members with roles', async () => {
    await openInfo(team());
    expect(screen.getAllByTestId('group-member').map((r) => [r.dataset.userId, r.dataset.role])).toEqual([
      ['u1', 'ADMIN'],
      ['id-bo', 'MEMBER'],
      ['id-cy', 'MEMBER'],
    ]);
  });

  it('lets an admin rename the group, add friends and remove a member', async () => {
    const app = await openInfo(team(), {
      'PATCH /api/conversations/g-team': (body) => json(200, team({ title: (body as { title: string }).title })),
      'POST /api/conversations/g-team/members': () =>
        json(200, team({ members: [member('ada', { role: 'ADMIN' }), member('bo'), member('cy'), member('di')] })),
      'DELETE /api/conversations/g-team/members/id-bo': noContent,
    });

    fireEvent.change(screen.getByTestId('group-rename'), { target: { value: 'Dream team' } });
    fireEvent.click(screen.getByTestId('group-rename-save'));
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Dream team'));
    expect(app.bodies('/api/conversations/g-team')).toEqual([{ title: 'Dream team' }]);
    await idle();

    fireEvent.click(screen.getByTestId('group-add'));
    expect(screen.getAllByTestId('group-member-option').map((o) => o.dataset.userId)).toEqual(['id-di']);
    expect(screen.getByTestId('group-add-hint').textContent).toBe('They will see messages from when they join.');
    fireEvent.click(option('id-di'));
    fireEvent.click(screen.getByTestId('group-add-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('group-member')).toHaveLength(4));
    expect(app.bodies('/api/conversations/g-team/members')).toEqual([{ userIds: ['id-di'] }]);
    await idle();

    fireEvent.click(within(memberRow('id-bo')).getByTestId('group-remove'));
    await waitFor(() => expect(screen.getAllByTestId('group-member')).toHaveLength(3));
    expect(app.calls()).toContain('DELETE /api/conversations/g-team/members/id-bo');
  });

  it('offers members no admin controls, but lets them leave', async () => {
    const app = await openInfo(team({ myRole: 'MEMBER', members: [member('ada'), member('bo', { role: 'ADMIN' })] }), {
      'DELETE /api/conversations/g-team/members/u1': noContent,
    });
    expect(screen.queryByTestId('group-rename')).toBeNull();
    expect(screen.queryByTestId('group-add')).toBeNull();
    expect(screen.queryByTestId('group-remove')).toBeNull();
    expect(screen.queryByTestId('group-history')).toBeNull();

    fireEvent.click(screen.getByTestId('group-leave'));

    await waitFor(() => expect(currentPath()).toBe('/chats'));
    expect(app.calls()).toContain('DELETE /api/conversations/g-team/members/u1');
    expect(screen.queryAllByTestId('conversation-item')).toEqual([]);
  });

  describe('whether new members see earlier messages', () => {
    const history = () => screen.getByTestId<HTMLInputElement>('group-history');
    /** The checkbox is disabled while its PATCH runs. */
    const saved = () => waitFor(() => expect(history().disabled).toBe(false));

    it('lets an admin turn it on: sends only that, waits for the answer and shows it', async () => {
      const answer = deferred<Response>();
      const app = await openInfo(team({ newMembersSeeHistory: false }), {
        'PATCH /api/conversations/g-team': () => answer.promise,
      });
      expect(history().checked).toBe(false);

      fireEvent.click(history());

      expect(history().checked).toBe(true);
      expect(history().disabled).toBe(true);
      answer.resolve(json(200, team({ newMembersSeeHistory: true })));
      await saved();
      expect(history().checked).toBe(true);
      expect(app.bodies('/api/conversations/g-team')).toEqual([{ newMembersSeeHistory: true }]);
      // The group itself says so now: adding people tells what they will see.
      fireEvent.click(screen.getByTestId('group-add'));
      expect(screen.getByTestId('group-add-hint').textContent).toBe('They will see earlier messages too.');
    });

    it('puts the setting back and says why when the change is refused', async () => {
      const answer = deferred<Response>();
      const app = await openInfo(team({ newMembersSeeHistory: true }), {
        'PATCH /api/conversations/g-team': () => answer.promise,
      });
      expect(history().checked).toBe(true);

      fireEvent.click(history());
      expect(history().checked).toBe(false);
      answer.resolve(problem(403, 'NOT_ADMIN', 'Only an admin may change the group.'));
      await saved();

      expect(history().checked).toBe(true);
      expect(app.bodies('/api/conversations/g-team')).toEqual([{ newMembersSeeHistory: false }]);
      const setting = screen.getByTestId('group-history-setting');
      expect(within(setting).getByTestId('action-error').textContent).toBe('Only a group admin can do that.');
    });

    it('shows members the setting as text, following conversation.updated', async () => {
      const mine = { myRole: 'MEMBER' as const, members: [member('ada'), member('bo', { role: 'ADMIN' as const })] };
      const app = await openInfo(team(mine));
      expect(screen.queryByTestId('group-history')).toBeNull();
      expect(screen.getByTestId('group-history-text').textContent).toBe('New members see messages from when they join');

      const {
        myRole: _r,
        lastMessage: _l,
        unreadCount: _u,
        ...changed
      } = team({ ...mine, newMembersSeeHistory: true });
      app.socket.emit('conversation.updated', { conversation: changed });

      expect(screen.getByTestId('group-history-text').textContent).toBe('New members see earlier messages too');
    });
  });
});
