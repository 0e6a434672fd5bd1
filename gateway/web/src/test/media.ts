import { vi } from 'vitest';
import type { Attachment, Media } from '../media/types';

/** A stored file as the server answers it: an image unless said otherwise. */
export function media(id: string, extra: Partial<Media> = {}): Media {
  return {
    id,
    ownerId: 'u1',
    purpose: 'ATTACHMENT',
    url: `/api/media/${id}/content`,
    thumbnailUrl: `/api/media/${id}/content?variant=thumbnail`,
    contentType: 'image/png',
    size: 2048,
    width: 800,
    height: 600,
    durationSeconds: null,
    name: `${id}.png`,
    createdAt: '2026-01-05T10:00:00Z',
    ...extra,
  };
}

export function attachment(id: string, extra: Partial<Attachment> = {}): Attachment {
  const { url, thumbnailUrl, contentType, size, width, height, durationSeconds, name } = media(id, extra);
  return { id, url, thumbnailUrl, contentType, size, width, height, durationSeconds, name };
}

/** A file body as `GET /api/media/...` answers it (a text body: jsdom's Blob is not the one fetch's Response reads). */
export const blobResponse = (content = 'bytes', type = 'image/png') =>
  new Response(content, { status: 200, headers: { 'Content-Type': type } });

export interface FakeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: FormData;
  aborted: boolean;
  progress(loaded: number, total: number): void;
  respond(status: number, body?: unknown): void;
  fail(): void;
}

/** XMLHttpRequests the test answers: `create` is the factory to inject, `next()` the next one sent. */
export function fakeXhr() {
  const requests: FakeRequest[] = [];
  const waiting: ((request: FakeRequest) => void)[] = [];
  let taken = 0;

  function create(): XMLHttpRequest {
    const xhr = {
      status: 0,
      statusText: '',
      responseText: '',
      upload: { onprogress: null as ((e: ProgressEvent) => void) | null },
      onload: null as (() => void) | null,
      onerror: null as (() => void) | null,
      onabort: null as (() => void) | null,
      headers: {} as Record<string, string>,
      method: '',
      url: '',
      open(method: string, url: string) {
        xhr.method = method;
        xhr.url = url;
      },
      setRequestHeader(name: string, value: string) {
        xhr.headers[name] = value;
      },
      getResponseHeader: () => null,
      abort() {
        request.aborted = true;
        xhr.onabort?.();
      },
      send(body: FormData) {
        request.method = xhr.method;
        request.url = xhr.url;
        request.headers = xhr.headers;
        request.body = body;
        requests.push(request);
        waiting.shift()?.(request);
      },
    };
    const request: FakeRequest = {
      method: '',
      url: '',
      headers: {},
      body: new FormData(),
      aborted: false,
      progress: (loaded, total) => xhr.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent),
      respond(status, body) {
        xhr.status = status;
        xhr.responseText = body === undefined ? '' : JSON.stringify(body);
        xhr.onload?.();
      },
      fail: () => xhr.onerror?.(),
    };
    return xhr as unknown as XMLHttpRequest;
  }

  return {
    create: vi.fn(create),
    requests,
    /** The next request not yet taken, once it is sent. */
    next(): Promise<FakeRequest> {
      const index = taken++;
      if (requests[index]) return Promise.resolve(requests[index]);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
