import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, noContent, problem } from '../test/helpers';
import { friend, lists, person, request } from '../test/people';
import { renderApp, type Server } from '../test/renderApp';

const show = (server: Server, id = 'id-grace') => renderApp(`/people/${id}`, server, { signedIn: true });
const relationship = () => screen.getByTestId('relationship').textContent;

describe('PersonPage', () => {
  it("shows the person's name, @username, bio and joined date", async () => {
    show({
      ...lists(),
      '/api/users/id-grace': () =>
        json(200, person('grace', 'NONE', { displayName: 'Grace Hopper', bio: 'Compilers.\n<b>Navy</b>' })),
    });

    expect(await screen.findByRole('heading', { name: 'Grace Hopper' })).toBeTruthy();
    expect(screen.getByTestId('person-username').textContent).toBe('@grace');
    const bio = screen.getByTestId('person-bio');
    expect(bio.textContent).toBe('Compilers.\n<b>Navy</b>');
    expect(bio.querySelector('b')).toBeNull();
    expect(screen.getByTestId('person-joined').textContent).toMatch(/^Joined .*2025/);
    expect(relationship()).toBe('NONE');
  });

  it('sends a friend request from the profile', async () => {
    const app = show({
      ...lists(),
      '/api/users/id-grace': () => json(200, person('grace')),
      'POST /api/friend-requests': () => json(201, request('grace', 'OUTGOING')),
    });
    fireEvent.click(await screen.findByTestId('add-friend'));

    await waitFor(() => expect(relationship()).toBe('REQUEST_SENT'));
    expect(app.bodies('/api/friend-requests')).toEqual([{ userId: 'id-grace' }]);
    expect(screen.getByTestId('cancel-request')).toBeTruthy();
  });

  it('blocks a friend from the menu, then unblocks', async () => {
    const app = show({
      ...lists({ friends: [friend('grace')] }),
      '/api/users/id-grace': () => json(200, person('grace', 'FRIEND')),
      'PUT /api/blocks/id-grace': noContent,
      'DELETE /api/blocks/id-grace': noContent,
    });
    await waitFor(() => expect(within(screen.getByTestId('friends-list')).queryByTestId('friend-grace')).toBeTruthy());
    expect(relationship()).toBe('FRIEND');

    fireEvent.click(screen.getByRole('button', { name: 'More for Grace' }));
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Unfriend', 'Block']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Block' }));

    await waitFor(() => expect(relationship()).toBe('BLOCKED'));
    expect(app.calls()).toContain('PUT /api/blocks/id-grace');
    expect(within(screen.getByTestId('friends-list')).queryByTestId('friend-grace')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'More for Grace' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Unblock' }));

    await waitFor(() => expect(relationship()).toBe('NONE'));
    expect(app.calls()).toContain('DELETE /api/blocks/id-grace');
    expect(screen.getByTestId('add-friend')).toBeTruthy();
  });

  it('accepts a request the person sent', async () => {
    show({
      ...lists({ incoming: [request('grace', 'INCOMING')] }),
      '/api/users/id-grace': () => json(200, person('grace', 'REQUEST_RECEIVED')),
      'POST /api/friend-requests/req-grace/accept': () => json(200, request('grace', 'INCOMING', 'ACCEPTED')),
    });
    fireEvent.click(await screen.findByTestId('accept-request'));

    await waitFor(() => expect(relationship()).toBe('FRIEND'));
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-grace')).toBeTruthy();
  });

  it('says when there is no such person', async () => {
    show(
      { ...lists(), '/api/users/nobody': () => problem(404, 'USER_NOT_FOUND', 'There is no such person.') },
      'nobody',
    );

    expect(await screen.findByRole('heading', { name: 'Person not found' })).toBeTruthy();
  });

  it('shows your own profile without relationship actions', async () => {
    show(
      {
        ...lists(),
        '/api/users/u1': () => json(200, person('ada', 'NONE', { id: 'u1', displayName: 'Ada Lovelace' })),
      },
      'u1',
    );

    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Edit your profile' }).getAttribute('href')).toBe('/settings');
    expect(screen.queryByTestId('relationship')).toBeNull();
    expect(screen.queryByTestId('person-menu')).toBeNull();
  });
});
