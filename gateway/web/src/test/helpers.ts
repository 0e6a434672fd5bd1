import { SESSION_KEY, type AuthResponse } from '../auth/session';

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

export function json(
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType, ...headers } });
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; message: string }[],
  { extra = {}, headers = {} }: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  const body = { type: 'about:blank', title: 'Error', status, detail, code, errors, ...extra };
  return json(status, body, 'application/problem+json', headers);
}

/** A 429 as the auth service sends it: `Retry-After` header and `retryAfterSeconds` in the body. */
export function tooMany(code: 'RATE_LIMITED' | 'OTP_COOLDOWN', seconds: number) {
  return problem(429, code, 'Slow down', undefined, {
    extra: { retryAfterSeconds: seconds },
    headers: { 'Retry-After': String(seconds) },
  });
}

export const noContent = () => new Response(null, { status: 204 });

/** Answers each call with the next of `answers` (the last one repeats). */
export function sequence(...answers: (() => Response | Promise<Response>)[]) {
  let i = 0;
  return () => answers[Math.min(i++, answers.length - 1)]();
}

export const ADA = { id: 'u1', email: 'ada@example.com', username: 'ada', displayName: 'Ada Lovelace' };

/** A cookie-mode auth answer (login, verify, refresh): the refresh token is a cookie, never in the body. */
export function auth(accessToken: string, expiresIn = 900): AuthResponse {
  return { user: ADA, accessToken, expiresIn };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The marker a signed-in tab leaves in localStorage: what a page load finds. */
export function storeMarker(storage: Storage = localStorage) {
  storage.setItem(SESSION_KEY, JSON.stringify({ user: ADA }));
}

/** Every value held in the given storages, for asserting that no token is kept there. */
export function storedText(...storages: Storage[]): string {
  const values = (storage: Storage) =>
    Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i) as string));
  return storages.flatMap(values).join('\n');
}

/**
 * `navigator.locks` as the tabs of one browser share it: one holder per name at a time, the others queue in
 * order. `waiting(name)` counts the queued requests.
 */
export function sharedLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const queued = new Map<string, number>();
  const request = (name: string, callback: () => Promise<unknown>) => {
    queued.set(name, (queued.get(name) ?? 0) + 1);
    const run = (tails.get(name) ?? Promise.resolve()).then(() => {
      queued.set(name, (queued.get(name) ?? 1) - 1);
      return callback();
    });
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
  const locks = { request } as unknown as Pick<LockManager, 'request'>;
  return { locks, waiting: (name: string) => queued.get(name) ?? 0 };
}

/** The URL a fake `fetch` was called with. */
export function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** The parsed JSON body of a request (the app sends JSON text), undefined without one. */
export function bodyOf(init: RequestInit | undefined): unknown {
  return typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
}
