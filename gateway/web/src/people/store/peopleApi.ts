import type { ApiClient, RequestOptions } from '../../api/client';
import type { Block, Friend, FriendRequest, OwnProfile, Page, Person, ProfileChange, PublicUser } from './types';

export const SEARCH_PAGE_SIZE = 20;

/** Every `/api/users`, `/api/friends`, `/api/friend-requests` and `/api/blocks` call. */
export interface PeopleApi {
  me(options?: RequestOptions): Promise<OwnProfile>;
  updateMe(change: ProfileChange): Promise<OwnProfile>;
  person(id: string, options?: RequestOptions): Promise<Person>;
  search(q: string, cursor?: string | null, options?: RequestOptions): Promise<Page<Person>>;
  friends(options?: RequestOptions): Promise<Friend[]>;
  unfriend(userId: string): Promise<void>;
  /** 201 PENDING, or 200 ACCEPTED when that person had already asked (you are now friends). */
  sendRequest(userId: string): Promise<FriendRequest>;
  requests(direction: 'incoming' | 'outgoing', options?: RequestOptions): Promise<FriendRequest[]>;
  accept(requestId: string): Promise<FriendRequest>;
  decline(requestId: string): Promise<void>;
  cancel(requestId: string): Promise<void>;
  blocks(options?: RequestOptions): Promise<Block[]>;
  block(userId: string): Promise<void>;
  unblock(userId: string): Promise<void>;
}

const seg = encodeURIComponent;

export function createPeopleApi(api: ApiClient): PeopleApi {
  return {
    me: (options) => api.get<OwnProfile>('/api/users/me', options),
    updateMe: (change) => api.patch<OwnProfile>('/api/users/me', change),
    person: (id, options) => api.get<Person>(`/api/users/${seg(id)}`, options),
    async search(q, cursor, options) {
      let query = `q=${seg(q)}&limit=${SEARCH_PAGE_SIZE}`;
      if (cursor) query += `&cursor=${seg(cursor)}`;
      const page = await api.get<Partial<Page<Person>> | undefined>(`/api/users?${query}`, options);
      return { items: page?.items ?? [], nextCursor: page?.nextCursor ?? null };
    },
    friends: async (options) => items(await api.get<{ items?: Friend[] }>('/api/friends', options)),
    unfriend: (userId) => api.delete<void>(`/api/friends/${seg(userId)}`),
    sendRequest: (userId) => api.post<FriendRequest>('/api/friend-requests', { userId }),
    requests: async (direction, options) =>
      items(await api.get<{ items?: FriendRequest[] }>(`/api/friend-requests?direction=${direction}`, options)),
    accept: (requestId) => api.post<FriendRequest>(`/api/friend-requests/${seg(requestId)}/accept`),
    decline: (requestId) => api.post<void>(`/api/friend-requests/${seg(requestId)}/decline`),
    cancel: (requestId) => api.delete<void>(`/api/friend-requests/${seg(requestId)}`),
    blocks: async (options) => items(await api.get<{ items?: Block[] }>('/api/blocks', options)),
    block: (userId) => api.put<void>(`/api/blocks/${seg(userId)}`),
    unblock: (userId) => api.delete<void>(`/api/blocks/${seg(userId)}`),
  };
}

function items<T>(body: { items?: T[] } | undefined): T[] {
  return Array.isArray(body?.items) ? body.items : [];
}

/** The public part of a person (drops the viewer-specific relationship fields). */
export function publicUser({ relationship: _r, requestId: _q, ...user }: Person): PublicUser {
  return user;
}
