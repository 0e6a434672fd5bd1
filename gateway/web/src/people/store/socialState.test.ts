import { describe, expect, it } from 'vitest';
import { block, friend, request, user } from '../../test/people';
import { EMPTY, relationshipWith, socialReducer, type SocialState } from './socialState';

const ready: SocialState = {
  ...EMPTY,
  status: { friends: 'ready', incoming: 'ready', outgoing: 'ready', blocked: 'ready' },
};

describe('relationshipWith', () => {
  it('follows the lists, in the server order of precedence', () => {
    const state: SocialState = {
      ...ready,
      friends: [friend('ada')],
      incoming: [request('greg', 'INCOMING')],
      outgoing: [request('grete', 'OUTGOING')],
      blocked: [block('ada'), block('grim')],
    };
    const none = { relationship: 'NONE' as const };
    expect(relationshipWith(state, 'id-ada', none)).toEqual({ relationship: 'BLOCKED' });
    expect(relationshipWith(state, 'id-greg', none)).toEqual({
      relationship: 'REQUEST_RECEIVED',
      requestId: 'req-greg',
    });
    expect(relationshipWith(state, 'id-grete', none)).toEqual({ relationship: 'REQUEST_SENT', requestId: 'req-grete' });
    expect(relationshipWith(state, 'id-zed', none)).toEqual(none);
  });

  it("trusts the server's answer unless the list that would hold the person has loaded without them", () => {
    const sent = { relationship: 'REQUEST_SENT' as const, requestId: 'r1' };
    expect(relationshipWith(EMPTY, 'id-x', sent)).toEqual(sent);
    expect(relationshipWith(ready, 'id-x', sent)).toEqual({ relationship: 'NONE' });
    const friendsOnly: SocialState = { ...EMPTY, status: { ...EMPTY.status, friends: 'ready' } };
    expect(relationshipWith(friendsOnly, 'id-x', sent)).toEqual(sent);
  });
});

describe('socialReducer', () => {
  it("a friend's new photo and name replace the old wherever they are listed", () => {
    const state: SocialState = {
      ...ready,
      friends: [friend('ada'), friend('bo')],
      incoming: [request('ada', 'INCOMING')],
    };
    const ada = { ...user('ada'), displayName: 'Ada L.', avatarUrl: '/api/media/p1/content?variant=avatar' };

    const next = socialReducer(state, { type: 'userUpdated', user: ada });

    expect(next.friends.find((f) => f.user.id === 'id-ada')?.user).toMatchObject({
      displayName: 'Ada L.',
      avatarUrl: ada.avatarUrl,
    });
    expect(next.incoming[0].user.avatarUrl).toBe(ada.avatarUrl);
    expect(next.friends.find((f) => f.user.id === 'id-bo')?.user).toEqual(friend('bo').user);
  });

  it('a block ends the friendship and the requests with that person', () => {
    const state: SocialState = {
      ...ready,
      friends: [friend('ada'), friend('bob')],
      incoming: [request('ada', 'INCOMING')],
      outgoing: [request('ada', 'OUTGOING')],
    };
    const next = socialReducer(state, { type: 'blocked', user: user('ada') });
    expect(next.friends.map((f) => f.user.username)).toEqual(['bob']);
    expect(next.incoming).toEqual([]);
    expect(next.outgoing).toEqual([]);
    expect(next.blocked.map((b) => b.user.username)).toEqual(['ada']);
  });

  it('does not list the same request twice', () => {
    const once = socialReducer(ready, { type: 'requestAdded', request: request('greg', 'INCOMING') });
    const twice = socialReducer(once, { type: 'requestAdded', request: request('greg', 'INCOMING') });
    expect(twice.incoming).toHaveLength(1);
  });

  it('keeps friends sorted by name', () => {
    const state = socialReducer(ready, { type: 'loaded', list: 'friends', items: [friend('zoe'), friend('ada')] });
    const next = socialReducer(state, { type: 'friendAdded', user: user('mia') });
    expect(next.friends.map((f) => f.user.username)).toEqual(['ada', 'mia', 'zoe']);
  });
});
