import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { formatBytes } from './format';
import { MAX_BYTES, type Media, type MediaPurpose } from './types';

export interface UploadOptions {
  /** From 0 to 1, as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Audio or video recorded in the app. */
  durationSeconds?: number;
}

export type UploadMedia = (file: File, purpose: MediaPurpose, options?: UploadOptions) => Promise<Media>;

export interface UploaderOptions {
  baseUrl?: string;
  /** Makes the request; a fake in tests. */
  newRequest?: () => XMLHttpRequest;
}

/**
 * `POST /api/media` as multipart/form-data (`purpose`, `durationSeconds`, then `file`), over XMLHttpRequest since
 * fetch reports no upload progress. The token comes from the api client, and a 401 is tried once more with a
 * fresh one, as the api client does; errors are its `ApiError`; an abort rejects with an `AbortError`.
 */
export function createUploader(api: Pick<ApiClient, 'accessToken'>, options: UploaderOptions = {}): UploadMedia {
  const baseUrl = options.baseUrl ?? '';
  const newRequest = options.newRequest ?? (() => new XMLHttpRequest());

  return async function uploadMedia(file, purpose, { onProgress, signal, durationSeconds } = {}) {
    if (file.size > MAX_BYTES[purpose]) throw tooLarge(file, purpose);
    throwIfAborted(signal);
    const body = new FormData();
    body.append('purpose', purpose);
    if (durationSeconds !== undefined) body.append('durationSeconds', String(Math.round(durationSeconds)));
    body.append('file', file, file.name);

    const token = await api.accessToken();
    let answer = await post(body, token, signal, onProgress);
    if (answer.status === 401 && token) {
      answer = await post(body, await api.accessToken(true), signal, onProgress);
    }
    if (answer.status < 200 || answer.status >= 300) throw toError(answer);
    const media = answer.body as Media | undefined;
    if (typeof media?.id !== 'string' || typeof media.url !== 'string') {
      throw new ApiError(answer.status, 'BAD_RESPONSE', 'The server answered oddly. Try again.');
    }
    return media;
  };

  function post(body: FormData, token: string | null, signal?: AbortSignal, onProgress?: (f: number) => void) {
    return new Promise<Answer>((resolve, reject) => {
      throwIfAborted(signal);
      const xhr = newRequest();
      const abort = () => xhr.abort();
      const done = () => signal?.removeEventListener('abort', abort);
      xhr.open('POST', `${baseUrl}/api/media`);
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(1, event.loaded / event.total));
      };
      xhr.onload = () => {
        done();
        resolve({ status: xhr.status, statusText: xhr.statusText, body: parse(xhr.responseText), xhr });
      };
      xhr.onerror = () => {
        done();
        reject(ApiError.network(new Error('Upload failed')));
      };
      xhr.onabort = () => {
        done();
        reject(abortError());
      };
      signal?.addEventListener('abort', abort, { once: true });
      xhr.send(body);
    });
  }
}

interface Answer {
  status: number;
  statusText: string;
  body: unknown;
  xhr: XMLHttpRequest;
}

function toError({ status, statusText, body, xhr }: Answer): ApiError {
  const headers = new Headers();
  const retryAfter = xhr.getResponseHeader('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return ApiError.fromResponse(status, statusText, body, headers);
}

function tooLarge(file: File, purpose: MediaPurpose): ApiError {
  const limit = MAX_BYTES[purpose];
  const what = purpose === 'AVATAR' ? 'A profile photo' : 'A file';
  const detail = `${what} can be at most ${formatBytes(limit)}; this one is ${formatBytes(file.size)}.`;
  return new ApiError(413, 'FILE_TOO_LARGE', detail, [], { code: 'FILE_TOO_LARGE', detail, limitBytes: limit });
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not JSON (e.g. a proxy's HTML error page)
  }
}

const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');

function throwIfAborted(signal?: AbortSignal) {
  if (signal?.aborted) throw abortError();
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
