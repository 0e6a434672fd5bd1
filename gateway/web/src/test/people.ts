import type { Block, Friend, FriendRequest, Person, PublicUser, Relationship } from '../people/store/types';
import { json } from './helpers';
import type { Server } from './renderApp';

/** A person by username: id `id-<username>`, display name capitalised. */
export function user(username: string, extra: Partial<PublicUser> = {}): PublicUser {
  return {
    id: `id-${username}`,
    username,
    displayName: username[0].toUpperCase() + username.slice(1),
    bio: null,
    avatarMediaId: null,
    createdAt: '2025-03-14T10:00:00Z',
    ...extra,
  };
}

export function person(username: string, relationship: Relationship = 'NONE', extra: Partial<Person> = {}): Person {
  const requestId = relationship.startsWith('REQUEST_') ? `req-${username}` : undefined;
  return { ...user(username), relationship, ...(requestId ? { requestId } : {}), ...extra };
}

/** A request between me and `username`, as the server sends it (with `createdAt`). */
export function request(
  username: string,
  direction: 'INCOMING' | 'OUTGOING',
  status = 'PENDING',
): FriendRequest & { createdAt: string } {
  return { id: `req-${username}`, user: user(username), direction, status, createdAt: '2025-11-01T09:00:00Z' };
}

export const friend = (username: string, extra: Partial<PublicUser> = {}): Friend => ({
  user: user(username, extra),
  since: '2025-10-01T09:00:00Z',
});

export const block = (username: string): Block => ({ user: user(username), since: '2025-10-02T09:00:00Z' });

export interface Lists {
  friends?: Friend[];
  incoming?: FriendRequest[];
  outgoing?: FriendRequest[];
  blocked?: Block[];
}

/** The four lists the app loads when signed in. */
export function lists({ friends = [], incoming = [], outgoing = [], blocked = [] }: Lists = {}): Server {
  return {
    'GET /api/friends': () => json(200, { items: friends }),
    'GET /api/friend-requests?direction=incoming': () => json(200, { items: incoming }),
    'GET /api/friend-requests?direction=outgoing': () => json(200, { items: outgoing }),
    'GET /api/blocks': () => json(200, { items: blocked }),
  };
}

export const searchUrl = (q: string, cursor?: string) =>
  `/api/users?q=${encodeURIComponent(q)}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
