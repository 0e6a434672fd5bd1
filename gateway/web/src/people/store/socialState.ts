import type { Block, Friend, FriendRequest, PublicUser, Relationship } from './types';

export type ListName = 'friends' | 'incoming' | 'outgoing' | 'blocked';
export type ListStatus = 'loading' | 'ready' | 'error';

/** The signed-in user's social graph as far as this tab knows it. */
export interface SocialState {
  friends: Friend[];
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  blocked: Block[];
  status: Record<ListName, ListStatus>;
}

export const EMPTY: SocialState = {
  friends: [],
  incoming: [],
  outgoing: [],
  blocked: [],
  status: { friends: 'loading', incoming: 'loading', outgoing: 'loading', blocked: 'loading' },
};

export type SocialAction =
  | { type: 'reset' }
  | { type: 'loading'; lists: readonly ListName[] }
  | { type: 'loaded'; list: 'friends'; items: Friend[] }
  | { type: 'loaded'; list: 'blocked'; items: Block[] }
  | { type: 'loaded'; list: 'incoming' | 'outgoing'; items: FriendRequest[] }
  | { type: 'failed'; list: ListName }
  /** A pending request appeared (sent by us, or a `friend.request` frame). */
  | { type: 'requestAdded'; request: FriendRequest }
  /** Declined, cancelled or otherwise gone. */
  | { type: 'requestGone'; requestId: string }
  /** Accepted either way: the two are friends, and no request between them is pending. */
  | { type: 'friendAdded'; user: PublicUser; since?: string }
  /** Unfriended (either side) or ended by a block: no friendship, no pending request. */
  | { type: 'friendRemoved'; userId: string }
  /** Someone changed their name or photo (`friend.updated`). */
  | { type: 'userUpdated'; user: PublicUser }
  | { type: 'blocked'; user: PublicUser; since?: string }
  | { type: 'unblocked'; userId: string };

const byOther = (userId: string) => (r: { user: PublicUser }) => r.user.id !== userId;

function withoutUser(state: SocialState, userId: string): SocialState {
  const keep = byOther(userId);
  return {
    ...state,
    friends: state.friends.filter(keep),
    incoming: state.incoming.filter(keep),
    outgoing: state.outgoing.filter(keep),
  };
}

const now = () => new Date().toISOString();

export function socialReducer(state: SocialState, action: SocialAction): SocialState {
  switch (action.type) {
    case 'reset':
      return EMPTY;
    case 'loading': {
      const status = { ...state.status };
      action.lists.forEach((list) => (status[list] = 'loading'));
      return { ...state, status };
    }
    case 'loaded': {
      // Friends are kept by name, so ones added live land where a reload would put them.
      const items = action.list === 'friends' ? sortFriends(action.items) : action.items;
      return { ...state, [action.list]: items, status: { ...state.status, [action.list]: 'ready' } };
    }
    case 'failed':
      return { ...state, status: { ...state.status, [action.list]: 'error' } };
    case 'requestAdded': {
      const { request } = action;
      const list = request.direction === 'OUTGOING' ? 'outgoing' : 'incoming';
      const others = state[list].filter((r) => r.id !== request.id && r.user.id !== request.user.id);
      return { ...state, [list]: [request, ...others] };
    }
    case 'requestGone':
      return {
        ...state,
        incoming: state.incoming.filter((r) => r.id !== action.requestId),
        outgoing: state.outgoing.filter((r) => r.id !== action.requestId),
      };
    case 'friendAdded': {
      const next = withoutUser(state, action.user.id);
      const friend: Friend = { user: action.user, since: action.since ?? now() };
      return { ...next, friends: sortFriends([...next.friends, friend]) };
    }
    case 'friendRemoved':
      return withoutUser(state, action.userId);
    case 'userUpdated': {
      const { user } = action;
      const fresh = <T extends { user: PublicUser }>(list: T[]) =>
        list.map((entry) => (entry.user.id === user.id ? { ...entry, user: { ...entry.user, ...user } } : entry));
      return {
        ...state,
        friends: sortFriends(fresh(state.friends)),
        incoming: fresh(state.incoming),
        outgoing: fresh(state.outgoing),
        blocked: fresh(state.blocked),
      };
    }
    case 'blocked': {
      const next = withoutUser(state, action.user.id);
      const block: Block = { user: action.user, since: action.since ?? now() };
      return { ...next, blocked: [block, ...next.blocked.filter(byOther(action.user.id))] };
    }
    case 'unblocked':
      return { ...state, blocked: state.blocked.filter(byOther(action.userId)) };
  }
}

export function sortFriends(friends: Friend[]): Friend[] {
  return [...friends].sort((a, b) =>
    a.user.displayName.localeCompare(b.user.displayName, undefined, { sensitivity: 'base' }),
  );
}

export interface RelationshipView {
  relationship: Relationship;
  requestId?: string | null;
}

const LIST_OF: Record<Exclude<Relationship, 'NONE'>, ListName> = {
  BLOCKED: 'blocked',
  FRIEND: 'friends',
  REQUEST_SENT: 'outgoing',
  REQUEST_RECEIVED: 'incoming',
};

/**
 * The relationship with `userId` as this tab knows it now: what the lists say (in the server's order of
 * precedence), else what the server said when the person was fetched (`fallback`) unless the list that
 * would hold them has loaded without them.
 */
export function relationshipWith(state: SocialState, userId: string, fallback: RelationshipView): RelationshipView {
  const has = byOther(userId);
  if (state.blocked.some((b) => !has(b))) return { relationship: 'BLOCKED' };
  if (state.friends.some((f) => !has(f))) return { relationship: 'FRIEND' };
  const sent = state.outgoing.find((r) => !has(r));
  if (sent) return { relationship: 'REQUEST_SENT', requestId: sent.id };
  const received = state.incoming.find((r) => !has(r));
  if (received) return { relationship: 'REQUEST_RECEIVED', requestId: received.id };
  if (fallback.relationship !== 'NONE' && state.status[LIST_OF[fallback.relationship]] === 'ready') {
    return { relationship: 'NONE' };
  }
  return fallback;
}
