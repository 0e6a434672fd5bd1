import type { ApiClient, RequestOptions } from '../../api/client';
import type { Conversation, MessagePage } from './types';

export const PAGE_SIZE = 50;
/** The largest page the server gives; used when catching up after a reconnect. */
export const SYNC_PAGE_SIZE = 100;

export type MessageQuery = { before?: string; afterSeq?: number; limit?: number };
/** What a group admin changes; what is left out stays as it is. */
export type GroupChanges = { title?: string; newMembersSeeHistory?: boolean };

/** Every `/api/conversations` call (sending, deleting and reading go over the socket). */
export interface ChatApi {
  conversations(options?: RequestOptions): Promise<Conversation[]>;
  conversation(id: string, options?: RequestOptions): Promise<Conversation>;
  /** Get-or-create the direct conversation with a friend. */
  direct(userId: string): Promise<Conversation>;
  createGroup(title: string, memberIds: string[]): Promise<Conversation>;
  /** Admins only (`NOT_ADMIN`); answers the changed conversation. */
  changeGroup(id: string, changes: GroupChanges): Promise<Conversation>;
  addMembers(id: string, userIds: string[]): Promise<Conversation>;
  /** Removes someone (admins), or the caller themself (leave). */
  removeMember(id: string, userId: string): Promise<void>;
  messages(id: string, query?: MessageQuery, options?: RequestOptions): Promise<MessagePage>;
  /** Hides every message up to now, for the caller only. */
  clear(id: string): Promise<void>;
  /** Mutes my notifications of the chat until then (ISO time); null unmutes. Answers the conversation. */
  mute(id: string, until: string | null): Promise<Conversation>;
}

const seg = encodeURIComponent;
const base = (id: string) => `/api/conversations/${seg(id)}`;

export function createChatApi(api: ApiClient): ChatApi {
  return {
    async conversations(options) {
      const body = await api.get<{ items?: Conversation[] }>('/api/conversations', options);
      return Array.isArray(body?.items) ? body.items : [];
    },
    conversation: (id, options) => api.get<Conversation>(base(id), options),
    direct: (userId) => api.post<Conversation>('/api/conversations/direct', { userId }),
    createGroup: (title, memberIds) => api.post<Conversation>('/api/conversations', { title, memberIds }),
    changeGroup: (id, changes) => api.patch<Conversation>(base(id), changes),
    addMembers: (id, userIds) => api.post<Conversation>(`${base(id)}/members`, { userIds }),
    removeMember: (id, userId) => api.delete<void>(`${base(id)}/members/${seg(userId)}`),
    async messages(id, query = {}, options) {
      const params = new URLSearchParams();
      if (query.before) params.set('before', query.before);
      if (query.afterSeq !== undefined) params.set('afterSeq', String(query.afterSeq));
      params.set('limit', String(query.limit ?? PAGE_SIZE));
      const page = await api.get<Partial<MessagePage> | undefined>(`${base(id)}/messages?${params}`, options);
      return {
        items: Array.isArray(page?.items) ? page.items : [],
        hasMore: page?.hasMore === true,
        clearedSeq: typeof page?.clearedSeq === 'number' && Number.isFinite(page.clearedSeq) ? page.clearedSeq : 0,
      };
    },
    clear: (id) => api.delete<void>(`${base(id)}/messages`),
    mute: (id, until) => api.put<Conversation>(`${base(id)}/mute`, { until }),
  };
}
