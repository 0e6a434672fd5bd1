import type { AuthResponse } from '../auth/session';

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

export function auth(accessToken: string, refreshToken: string, expiresIn = 900): AuthResponse {
  return {
    user: { id: 'u1', email: 'ada@example.com', username: 'ada', displayName: 'Ada Lovelace' },
    accessToken,
    refreshToken,
    expiresIn,
  };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
