import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, noContent, problem } from '../test/helpers';
import { block, friend, lists, person, request, searchUrl } from '../test/people';
import { advance, currentPath, renderApp, type Server } from '../test/renderApp';

const search = (text: string) => fireEvent.change(screen.getByTestId('people-search'), { target: { value: text } });
const row = (testId: string) => screen.getByTestId(testId);
const relationship = (testId: string) => within(row(testId)).getByTestId('relationship').textContent;
const buttons = (testId: string) =>
  within(row(testId))
    .queryAllByRole('button')
    .map((b) => b.getAttribute('data-testid'));

const PEOPLE = [
  person('grace'),
  person('grete', 'REQUEST_SENT'),
  person('greg', 'REQUEST_RECEIVED'),
  person('griffin', 'FRIEND'),
  person('grim', 'BLOCKED'),
];

function renderFriends(server: Server = {}, path = '/friends') {
  return renderApp(path, server, { signedIn: true });
}

describe('FriendsPage search', () => {
  it('lists people with the action their relationship allows', async () => {
    renderFriends({
      ...lists({
        friends: [friend('griffin')],
        incoming: [request('greg', 'INCOMING')],
        outgoing: [request('grete', 'OUTGOING')],
        blocked: [block('grim')],
      }),
      [searchUrl('gr')]: () => json(200, { items: PEOPLE, nextCursor: null }),
    });

    search('gr');

    expect(await screen.findByTestId('person-grace')).toBeTruthy();
    expect(PEOPLE.map((p) => relationship(`person-${p.username}`))).toEqual([
      'NONE',
      'REQUEST_SENT',
      'REQUEST_RECEIVED',
      'FRIEND',
      'BLOCKED',
    ]);
    expect(buttons('person-grace')).toEqual(['add-friend']);
    expect(buttons('person-grete')).toEqual(['cancel-request']);
    expect(buttons('person-greg')).toEqual(['accept-request', 'decline-request']);
    expect(buttons('person-griffin')).toEqual([]);
    expect(within(row('person-griffin')).getByText('Friends')).toBeTruthy();
    expect(buttons('person-grim')).toEqual(['unblock']);
    expect(within(row('person-grim')).getByText('Blocked')).toBeTruthy();
    expect(within(row('person-grace')).getByRole('link', { name: 'Grace' }).getAttribute('href')).toBe(
      '/people/id-grace',
    );
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('waits for typing to pause, then sends one search for the latest text', async () => {
    vi.useFakeTimers();
    const app = renderFriends({
      ...lists(),
      [searchUrl('gra')]: () => json(200, { items: [person('grace')], nextCursor: null }),
    });

    search('g');
    await advance(100);
    search('gr');
    await advance(100);
    search('gra');
    await advance(249);
    expect(app.calls().filter((c) => c.includes('/api/users?'))).toEqual([]);

    await advance(1);
    expect(app.calls().filter((c) => c.includes('/api/users?'))).toEqual([`GET ${searchUrl('gra')}`]);
    expect(screen.getByTestId('person-grace')).toBeTruthy();
    expect(app.bearers(searchUrl('gra'))).toEqual(['Bearer A1']);

    search('   ');
    await advance(300);
    expect(screen.queryByTestId('person-grace')).toBeNull();
    expect(app.calls().filter((c) => c.includes('/api/users?'))).toHaveLength(1);
  });

  it('sends a friend request from a result, and the row flips to REQUEST_SENT', async () => {
    const app = renderFriends({
      ...lists(),
      [searchUrl('grace')]: () => json(200, { items: [person('grace')], nextCursor: null }),
      'POST /api/friend-requests': () => json(201, request('grace', 'OUTGOING')),
    });
    search('grace');
    fireEvent.click(within(await screen.findByTestId('person-grace')).getByTestId('add-friend'));

    await waitFor(() => expect(relationship('person-grace')).toBe('REQUEST_SENT'));
    expect(app.bodies('/api/friend-requests')).toEqual([{ userId: 'id-grace' }]);
    expect(buttons('person-grace')).toEqual(['cancel-request']);
    expect(within(row('person-grace')).getByText('Request sent')).toBeTruthy();
    expect(within(screen.getByTestId('outgoing-grace')).getByTestId('cancel-request')).toBeTruthy();
  });

  it('becomes friends at once when that person had already asked (200 ACCEPTED)', async () => {
    renderFriends({
      ...lists(),
      [searchUrl('greg')]: () => json(200, { items: [person('greg')], nextCursor: null }),
      'POST /api/friend-requests': () => json(200, request('greg', 'OUTGOING', 'ACCEPTED')),
    });
    search('greg');
    fireEvent.click(within(await screen.findByTestId('person-greg')).getByTestId('add-friend'));

    await waitFor(() => expect(relationship('person-greg')).toBe('FRIEND'));
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-greg')).toBeTruthy();
    expect(screen.queryByTestId('outgoing-greg')).toBeNull();
  });

  it('cancels a sent request from a result', async () => {
    const app = renderFriends({
      ...lists({ outgoing: [request('grete', 'OUTGOING')] }),
      [searchUrl('grete')]: () => json(200, { items: [person('grete', 'REQUEST_SENT')], nextCursor: null }),
      'DELETE /api/friend-requests/req-grete': noContent,
    });
    search('grete');
    fireEvent.click(within(await screen.findByTestId('person-grete')).getByTestId('cancel-request'));

    await waitFor(() => expect(relationship('person-grete')).toBe('NONE'));
    expect(app.calls()).toContain('DELETE /api/friend-requests/req-grete');
    expect(screen.queryByTestId('outgoing-grete')).toBeNull();
  });

  it('loads more results with the cursor', async () => {
    const app = renderFriends({
      ...lists(),
      [searchUrl('a')]: () => json(200, { items: [person('ada'), person('alan')], nextCursor: 'c2' }),
      [searchUrl('a', 'c2')]: () => json(200, { items: [person('alonzo')], nextCursor: null }),
    });
    search('a');
    await screen.findByTestId('person-alan');

    fireEvent.click(screen.getByTestId('load-more'));

    expect(await screen.findByTestId('person-alonzo')).toBeTruthy();
    expect(within(screen.getByTestId('search-results')).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(app.calls().filter((c) => c.includes('/api/users?'))).toEqual([
      `GET ${searchUrl('a')}`,
      `GET ${searchUrl('a', 'c2')}`,
    ]);
  });

  it('says when no one matches, and shows a failed search', async () => {
    renderFriends({
      ...lists(),
      [searchUrl('zz')]: () => json(200, { items: [], nextCursor: null }),
      [searchUrl('boom')]: () => problem(503, 'UNAVAILABLE', 'Down'),
    });
    search('zz');
    await waitFor(() => expect(screen.getByTestId('search-status').textContent).toBe('No one found for “zz”.'));

    search('boom');
    expect((await screen.findByTestId('search-error')).textContent).toBe(
      'Parley is having trouble right now. Please try again in a moment.',
    );
  });

  it('shows a refused request, and fetches the lists again after a conflict', async () => {
    let friends = [] as ReturnType<typeof friend>[];
    renderFriends({
      ...lists(),
      'GET /api/friends': () => json(200, { items: friends }),
      [searchUrl('grace')]: () => json(200, { items: [person('grace')], nextCursor: null }),
      'POST /api/friend-requests': () => {
        friends = [friend('grace')];
        return problem(409, 'ALREADY_FRIENDS', 'Already friends');
      },
    });
    search('grace');
    fireEvent.click(within(await screen.findByTestId('person-grace')).getByTestId('add-friend'));

    expect((await within(row('person-grace')).findByRole('alert')).textContent).toBe('You are already friends.');
    await waitFor(() => expect(relationship('person-grace')).toBe('FRIEND'));
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-grace')).toBeTruthy();
  });
});

describe('FriendsPage lists', () => {
  it('shows incoming and sent requests, friends and blocked people', async () => {
    renderFriends(
      lists({
        friends: [friend('griffin')],
        incoming: [request('greg', 'INCOMING')],
        outgoing: [request('grete', 'OUTGOING')],
        blocked: [block('grim')],
      }),
    );

    expect(await screen.findByTestId('incoming-greg')).toBeTruthy();
    expect(screen.getByTestId('outgoing-grete')).toBeTruthy();
    expect(screen.getByTestId('friends-item-griffin')).toBeTruthy();
    expect(screen.getByTestId('blocked-grim')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Friend requests (1)' })).toBeTruthy();
    expect(screen.getByTestId('requests-badge').textContent).toBe('1');
  });

  it('accepts an incoming request: the person moves to the friends', async () => {
    const app = renderFriends({
      ...lists({ incoming: [request('greg', 'INCOMING')] }),
      'POST /api/friend-requests/req-greg/accept': () => json(200, request('greg', 'INCOMING', 'ACCEPTED')),
    });
    fireEvent.click(within(await screen.findByTestId('incoming-greg')).getByTestId('accept-request'));

    expect(await screen.findByTestId('friends-item-greg')).toBeTruthy();
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-greg')).toBeTruthy();
    expect(screen.queryByTestId('incoming-greg')).toBeNull();
    expect(screen.queryByTestId('requests-badge')).toBeNull();
    expect(app.calls()).toContain('POST /api/friend-requests/req-greg/accept');
  });

  it('declines an incoming request', async () => {
    const app = renderFriends({
      ...lists({ incoming: [request('greg', 'INCOMING'), request('gus', 'INCOMING')] }),
      'POST /api/friend-requests/req-greg/decline': noContent,
    });
    expect((await screen.findByTestId('requests-badge')).textContent).toBe('2');

    fireEvent.click(within(screen.getByTestId('incoming-greg')).getByTestId('decline-request'));

    await waitFor(() => expect(screen.queryByTestId('incoming-greg')).toBeNull());
    expect(screen.getByTestId('requests-badge').textContent).toBe('1');
    expect(screen.queryByTestId('friends-item-greg')).toBeNull();
    expect(app.calls()).toContain('POST /api/friend-requests/req-greg/decline');
  });

  it('drops a request someone else already answered and says so', async () => {
    renderFriends({
      ...lists({ incoming: [request('greg', 'INCOMING')] }),
      'POST /api/friend-requests/req-greg/accept': () => problem(409, 'REQUEST_NOT_PENDING', 'Not pending'),
      'GET /api/friend-requests?direction=incoming': (() => {
        let calls = 0;
        return () => json(200, { items: calls++ === 0 ? [request('greg', 'INCOMING')] : [] });
      })(),
    });
    fireEvent.click(within(await screen.findByTestId('incoming-greg')).getByTestId('accept-request'));

    await waitFor(() => expect(screen.queryByTestId('incoming-greg')).toBeNull());
  });

  it('cancels a sent request', async () => {
    renderFriends({
      ...lists({ outgoing: [request('grete', 'OUTGOING')] }),
      'DELETE /api/friend-requests/req-grete': noContent,
    });
    fireEvent.click(within(await screen.findByTestId('outgoing-grete')).getByTestId('cancel-request'));

    await waitFor(() => expect(screen.queryByTestId('outgoing-grete')).toBeNull());
    expect(screen.getByText('You have no requests waiting.')).toBeTruthy();
  });

  it('blocks a friend from the menu: PUT, and the friend is gone from both lists', async () => {
    const app = renderFriends({
      ...lists({ friends: [friend('griffin'), friend('gus')] }),
      'PUT /api/blocks/id-griffin': noContent,
    });
    const item = await screen.findByTestId('friends-item-griffin');
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-griffin')).toBeTruthy();

    fireEvent.click(within(item).getByRole('button', { name: 'More for Griffin' }));
    const menu = within(item).getByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['View profile', 'Unfriend', 'Block']);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Block' }));

    await waitFor(() => expect(screen.queryByTestId('friends-item-griffin')).toBeNull());
    expect(app.calls()).toContain('PUT /api/blocks/id-griffin');
    expect(within(screen.getByTestId('friends-list')).queryByTestId('friend-griffin')).toBeNull();
    expect(within(screen.getByTestId('friends-list')).getByTestId('friend-gus')).toBeTruthy();
    expect(screen.getByTestId('blocked-griffin')).toBeTruthy();
  });

  it('unfriends from the menu', async () => {
    const app = renderFriends({
      ...lists({ friends: [friend('griffin')] }),
      'DELETE /api/friends/id-griffin': noContent,
    });
    const item = await screen.findByTestId('friends-item-griffin');

    fireEvent.click(within(item).getByTestId('person-menu'));
    fireEvent.click(within(item).getByTestId('menu-unfriend'));

    await waitFor(() => expect(screen.queryByTestId('friend-griffin')).toBeNull());
    expect(app.calls()).toContain('DELETE /api/friends/id-griffin');
    expect(screen.queryByTestId('friends-item-griffin')).toBeNull();
  });

  it('opens a profile from the menu, and closes the menu with Escape', async () => {
    renderFriends(lists({ friends: [friend('griffin')] }));
    const item = await screen.findByTestId('friends-item-griffin');
    const toggle = within(item).getByTestId('person-menu');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menu-view-profile');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menu-unfriend');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(within(item).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    fireEvent.click(toggle);
    fireEvent.click(within(item).getByTestId('menu-view-profile'));
    expect(currentPath()).toBe('/people/id-griffin');
  });

  it('unblocks', async () => {
    const app = renderFriends({ ...lists({ blocked: [block('grim')] }), 'DELETE /api/blocks/id-grim': noContent });
    fireEvent.click(within(await screen.findByTestId('blocked-grim')).getByTestId('unblock'));

    await waitFor(() => expect(screen.queryByTestId('blocked-grim')).toBeNull());
    expect(app.calls()).toContain('DELETE /api/blocks/id-grim');
  });

  it('offers to retry a list that failed to load', async () => {
    let fail = true;
    renderFriends({
      ...lists(),
      'GET /api/blocks': () => (fail ? problem(503, 'UNAVAILABLE', 'Down') : json(200, { items: [block('grim')] })),
    });
    const section = screen.getByRole('region', { name: 'Blocked' });
    const retry = await within(section).findByRole('button', { name: 'Try again' });

    fail = false;
    fireEvent.click(retry);

    expect(await screen.findByTestId('blocked-grim')).toBeTruthy();
  });

  it('renders names as text, never as HTML', async () => {
    renderFriends(lists({ friends: [friend('mallory', { displayName: '<img src=x onerror=alert(1)>' })] }));

    const item = await screen.findByTestId('friends-item-mallory');
    expect(item.querySelector('img')).toBeNull();
    expect(item.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
