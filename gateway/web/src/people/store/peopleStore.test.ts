import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { createFakeSocket } from '../../test/fakeSocket';
import { friend, request, user } from '../../test/people';
import type { PeopleApi } from './peopleApi';
import { createPeopleStore } from './peopleStore';
import type { Friend } from './types';

/** A people api whose four lists answer from `lists` (a function, so a test can change them). */
function fakeApi(lists: () => { friends?: Friend[] } = () => ({})): PeopleApi {
  const fail = () => Promise.reject(new Error('not faked'));
  return {
    me: fail,
    updateMe: fail,
    person: fail,
    search: fail,
    friends: vi.fn(async () => lists().friends ?? []),
    requests: vi.fn(async (direction: 'incoming' | 'outgoing') =>
      direction === 'incoming' ? [request('greg', 'INCOMING')] : [],
    ),
    blocks: vi.fn(async () => []),
    unfriend: vi.fn(async () => undefined),
    sendRequest: fail,
    accept: fail,
    decline: fail,
    cancel: fail,
    block: fail,
    unblock: fail,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const usernames = (friends: Friend[]) => friends.map((f) => f.user.username);

describe('createPeopleStore', () => {
  it('loads the four lists on start and tells its subscribers', async () => {
    const store = createPeopleStore({
      api: fakeApi(() => ({ friends: [friend('zoe'), friend('ada')] })),
      socket: createFakeSocket(),
    });
    const listener = vi.fn();
    store.subscribe(listener);
    store.start();
    expect(store.getState().status.friends).toBe('loading');

    await settle();

    expect(usernames(store.getState().friends)).toEqual(['ada', 'zoe']);
    expect(store.getState().incoming.map((r) => r.id)).toEqual(['req-greg']);
    expect(store.getState().status).toEqual({
      friends: 'ready',
      incoming: 'ready',
      outgoing: 'ready',
      blocked: 'ready',
    });
    expect(listener).toHaveBeenCalled();
  });

  it('applies the friend frames while started, and drops malformed ones', async () => {
    const socket = createFakeSocket();
    const store = createPeopleStore({ api: fakeApi(), socket });
    const stop = store.start();
    await settle();

    socket.emit('friend.accepted', { friend: user('mia') });
    socket.emitRaw('friend.accepted', { friend: { id: 42 } });
    socket.emit('friend.request.declined', { requestId: 'req-greg' });
    expect(usernames(store.getState().friends)).toEqual(['mia']);
    expect(store.getState().incoming).toEqual([]);

    stop();
    expect(socket.listeners('friend.accepted')).toBe(0);
    socket.emit('friend.removed', { userId: 'id-mia' });
    expect(usernames(store.getState().friends)).toEqual(['mia']);
  });

  it('fetches the lists again after a reconnect, not on the first open', async () => {
    let friends = [friend('gus')];
    const socket = createFakeSocket('connecting');
    const api = fakeApi(() => ({ friends }));
    const store = createPeopleStore({ api, socket });
    store.start();
    socket.setStatus('open');
    await settle();
    expect(api.friends).toHaveBeenCalledTimes(1);

    friends = [friend('gus'), friend('ada')];
    socket.setStatus('connecting');
    socket.setStatus('open');
    await settle();

    expect(api.friends).toHaveBeenCalledTimes(2);
    expect(usernames(store.getState().friends)).toEqual(['ada', 'gus']);
  });

  it('ignores answers that come after stop', async () => {
    const store = createPeopleStore({ api: fakeApi(() => ({ friends: [friend('gus')] })), socket: createFakeSocket() });
    const stop = store.start();
    stop();
    await settle();
    expect(store.getState().friends).toEqual([]);
  });

  it('reloads every list when an action finds them out of date, and rethrows', async () => {
    const api = fakeApi();
    api.decline = () =>
      Promise.reject(ApiError.fromResponse(409, '', { status: 409, code: 'REQUEST_NOT_PENDING', detail: 'x' }));
    const store = createPeopleStore({ api, socket: createFakeSocket() });
    store.start();
    await settle();

    await expect(store.decline('req-greg')).rejects.toBeInstanceOf(ApiError);
    expect(api.friends).toHaveBeenCalledTimes(2);
    expect(api.blocks).toHaveBeenCalledTimes(2);
  });

  it('treats unfriending someone who is no longer a friend as done', async () => {
    const api = fakeApi(() => ({ friends: [friend('gus')] }));
    api.unfriend = () =>
      Promise.reject(ApiError.fromResponse(404, '', { status: 404, code: 'NOT_FRIENDS', detail: 'x' }));
    const store = createPeopleStore({ api, socket: createFakeSocket() });
    store.start();
    await settle();

    await store.unfriend('id-gus');
    expect(store.getState().friends).toEqual([]);
  });
});
