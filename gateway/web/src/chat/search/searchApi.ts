import type { ApiClient, RequestOptions } from '../../api/client';
import { toMessage } from '../store/frameData';
import type { Message } from '../store/types';

/** Results per page (the server takes 1..50). */
export const SEARCH_PAGE_SIZE = 20;
/** The longest query the server takes. */
export const MAX_QUERY_LENGTH = 200;

/** A matched word in a snippet: UTF-16 offsets into its text. */
export interface SearchHighlight {
  start: number;
  length: number;
}

/** Plain text around the match (never HTML) and where the matched words are in it. */
export interface SearchSnippet {
  text: string;
  highlights: SearchHighlight[];
}

export interface SearchHit {
  message: Message;
  snippet: SearchSnippet;
}

/**
 * Most relevant first, or newest first: what the server chose (a word in more messages than it ranks is
 * listed newest first) or was asked for.
 */
export type SearchOrder = 'relevance' | 'newest';

export interface SearchPage {
  items: SearchHit[];
  hasMore: boolean;
  order: SearchOrder;
}

/** `before`: the last hit's message id, for the next page (asked in the same order). */
export type SearchQuery = {
  q: string;
  conversationId?: string;
  before?: string;
  order?: SearchOrder;
  limit?: number;
};

/** `GET /api/search/messages`: messages the caller can read, most relevant or newest first. */
export interface SearchApi {
  messages(query: SearchQuery, options?: RequestOptions): Promise<SearchPage>;
}

export function createSearchApi(api: ApiClient): SearchApi {
  return {
    async messages({ q, conversationId, before, order, limit = SEARCH_PAGE_SIZE }, options) {
      const params = new URLSearchParams({ q });
      if (conversationId) params.set('conversationId', conversationId);
      if (before) params.set('before', before);
      if (order) params.set('order', order);
      params.set('limit', String(limit));
      const page = await api.get<unknown>(`/api/search/messages?${params}`, options);
      return toSearchPage(page);
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** The page as the server sent it, leaving out hits that are not well-formed. */
export function toSearchPage(value: unknown): SearchPage {
  const items = isObject(value) && Array.isArray(value.items) ? (value.items as unknown[]) : [];
  return {
    items: items.map(toSearchHit).filter((hit): hit is SearchHit => hit !== null),
    hasMore: isObject(value) && value.hasMore === true,
    order: isObject(value) && value.order === 'newest' ? 'newest' : 'relevance',
  };
}

function toSearchHit(value: unknown): SearchHit | null {
  const message = isObject(value) ? toMessage(value.message) : null;
  if (!isObject(value) || !message) return null;
  const snippet = isObject(value.snippet) ? value.snippet : {};
  const highlights = Array.isArray(snippet.highlights) ? (snippet.highlights as unknown[]) : [];
  return {
    message,
    snippet: {
      text: typeof snippet.text === 'string' ? snippet.text : '',
      highlights: highlights
        .filter(isObject)
        .filter((h) => whole(h.start) && whole(h.length) && h.start >= 0 && h.length > 0)
        .map((h) => ({ start: h.start as number, length: h.length as number })),
    },
  };
}

export type SnippetPart = { text: string; mark: boolean };

const isLowSurrogate = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
};

/**
 * The snippet cut into plain and matched parts by its highlights (UTF-16 offsets, so plain string slicing):
 * sorted, clipped to the text, overlaps merged, and never splitting a surrogate pair.
 */
export function snippetParts(text: string, highlights: SearchHighlight[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const { start: from, length } of [...highlights].sort((a, b) => a.start - b.start)) {
    let start = Math.max(from, at);
    let end = Math.min(from + length, text.length);
    if (start > at && start < text.length && isLowSurrogate(text, start)) start--;
    if (end < text.length && isLowSurrogate(text, end)) end++;
    if (end <= start) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    const previous = parts[parts.length - 1];
    if (start === at && previous?.mark) previous.text += text.slice(start, end);
    else parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
