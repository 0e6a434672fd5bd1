import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '../test/helpers';
import { blobResponse } from '../test/media';
import { friend, lists, person, request, searchUrl, user } from '../test/people';
import { renderApp } from '../test/renderApp';

const friendsList = () => screen.getByTestId('friends-list');
const friendNames = () =>
  within(friendsList())
    .queryAllByRole('listitem')
    .map((li) => li.getAttribute('data-testid'));
const badge = () => screen.queryByTestId('requests-badge')?.textContent ?? null;

describe('Sidebar friends', () => {
  it('lists friends with initials, name, @username and a grey presence dot', async () => {
    renderApp(
      '/',
      lists({ friends: [friend('grace', { displayName: 'Grace Brewster Hopper' }), friend('alan', { online: true })] }),
      {
        signedIn: true,
      },
    );

    await waitFor(() => expect(friendNames()).toEqual(['friend-alan', 'friend-grace']));
    const grace = screen.getByTestId('friend-grace');
    expect(within(grace).getByTestId('avatar').textContent).toBe('GH');
    expect(within(grace).getByTestId('avatar').style.backgroundColor).toMatch(/^rgb\(/);
    expect(grace.textContent).toContain('Grace Brewster Hopper');
    expect(grace.textContent).toContain('@grace');
    // Grey while unknown (no data-online), green when online.
    expect(within(grace).getByTestId('presence').getAttribute('data-online')).toBeNull();
    expect(within(screen.getByTestId('friend-alan')).getByTestId('presence').getAttribute('data-online')).toBe('true');
    expect(within(grace).getByRole('link').getAttribute('href')).toBe('/people/id-grace');
  });

  it('shows a friend’s photo fetched with the token, as an object URL, and initials until it arrives', async () => {
    const avatarUrl = '/api/media/p1/content?variant=avatar';
    const app = renderApp(
      '/',
      { ...lists({ friends: [friend('grace', { avatarUrl })] }), [avatarUrl]: () => blobResponse() },
      { signedIn: true },
    );

    const image = await screen.findByTestId<HTMLImageElement>('avatar-image');
    expect(image.src).toMatch(/^blob:/);
    expect(within(screen.getByTestId('friend-grace')).getByTestId('avatar').contains(image)).toBe(true);
    expect(app.bearers(avatarUrl)).toEqual(['Bearer A1']);
  });

  it('is not shown when signed out', () => {
    renderApp('/');
    expect(screen.queryByTestId('friends-list')).toBeNull();
    expect(badge()).toBeNull();
  });

  it('counts incoming requests on the Friends link', async () => {
    renderApp('/', lists({ incoming: [request('greg', 'INCOMING'), request('gus', 'INCOMING')] }), { signedIn: true });

    await waitFor(() => expect(badge()).toBe('2'));
    const link = within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: /Friends/ });
    expect(link.contains(screen.getByTestId('requests-badge'))).toBe(true);
  });
});

describe('Live friend frames', () => {
  it('friend.request adds an incoming request and bumps the badge', async () => {
    const app = renderApp('/friends', lists({ incoming: [request('gus', 'INCOMING')] }), { signedIn: true });
    await waitFor(() => expect(badge()).toBe('1'));

    app.socket.emit('friend.request', { request: request('greg', 'INCOMING') });

    expect(badge()).toBe('2');
    const item = screen.getByTestId('incoming-greg');
    expect(within(item).getByTestId('accept-request')).toBeTruthy();
    expect(within(item).getByTestId('decline-request')).toBeTruthy();
  });

  it('friend.request flips a search result to REQUEST_RECEIVED with Accept / Decline', async () => {
    const app = renderApp(
      '/friends',
      { ...lists(), [searchUrl('greg')]: () => json(200, { items: [person('greg')], nextCursor: null }) },
      { signedIn: true },
    );
    fireEvent.change(screen.getByTestId('people-search'), { target: { value: 'greg' } });
    const row = await screen.findByTestId('person-greg');

    app.socket.emit('friend.request', { request: request('greg', 'INCOMING') });

    expect(within(row).getByTestId('relationship').textContent).toBe('REQUEST_RECEIVED');
    expect(within(row).getByTestId('accept-request')).toBeTruthy();
  });

  it('friend.accepted adds the friend and drops the sent request', async () => {
    const app = renderApp('/friends', lists({ outgoing: [request('grete', 'OUTGOING')] }), { signedIn: true });
    await screen.findByTestId('outgoing-grete');

    app.socket.emit('friend.accepted', { friend: user('grete') });

    expect(friendNames()).toEqual(['friend-grete']);
    expect(screen.getByTestId('friends-item-grete')).toBeTruthy();
    expect(screen.queryByTestId('outgoing-grete')).toBeNull();
  });

  it('friend.removed removes the friend', async () => {
    const app = renderApp('/friends', lists({ friends: [friend('griffin'), friend('gus')] }), { signedIn: true });
    await waitFor(() => expect(friendNames()).toEqual(['friend-griffin', 'friend-gus']));

    app.socket.emit('friend.removed', { userId: 'id-griffin' });

    expect(friendNames()).toEqual(['friend-gus']);
    expect(screen.queryByTestId('friends-item-griffin')).toBeNull();
  });

  it('friend.request.cancelled and friend.request.declined drop the request', async () => {
    const app = renderApp(
      '/friends',
      lists({ incoming: [request('greg', 'INCOMING')], outgoing: [request('grete', 'OUTGOING')] }),
      { signedIn: true },
    );
    await screen.findByTestId('incoming-greg');

    app.socket.emit('friend.request.cancelled', { requestId: 'req-greg' });
    app.socket.emit('friend.request.declined', { requestId: 'req-grete' });

    expect(screen.queryByTestId('incoming-greg')).toBeNull();
    expect(screen.queryByTestId('outgoing-grete')).toBeNull();
    expect(badge()).toBeNull();
  });

  it('ignores malformed frames', async () => {
    const app = renderApp('/friends', lists({ friends: [friend('gus')] }), { signedIn: true });
    await waitFor(() => expect(friendNames()).toEqual(['friend-gus']));

    app.socket.emitRaw('friend.request', { request: { id: 'x' } });
    app.socket.emitRaw('friend.accepted', null);
    app.socket.emitRaw('friend.removed', { userId: 42 });

    expect(friendNames()).toEqual(['friend-gus']);
    expect(badge()).toBeNull();
  });

  it('fetches the lists again after the connection comes back', async () => {
    let friends = [friend('gus')];
    const app = renderApp(
      '/',
      { ...lists(), 'GET /api/friends': () => json(200, { items: friends }) },
      { signedIn: true },
    );
    await waitFor(() => expect(friendNames()).toEqual(['friend-gus']));

    friends = [friend('gus'), friend('ada')];
    app.socket.setStatus('connecting');
    app.socket.setStatus('open');

    await waitFor(() => expect(friendNames()).toEqual(['friend-ada', 'friend-gus']));
    expect(app.calls().filter((c) => c === 'GET /api/friends')).toHaveLength(2);
  });

  it('stops listening after sign-out', async () => {
    const app = renderApp('/', lists({ friends: [friend('gus')] }), { signedIn: true });
    await waitFor(() => expect(friendNames()).toEqual(['friend-gus']));
    expect(app.socket.listeners('friend.request')).toBe(1);

    act(() => app.session.clear());

    expect(screen.queryByTestId('friends-list')).toBeNull();
    expect(app.socket.listeners('friend.request')).toBe(0);
  });
});
