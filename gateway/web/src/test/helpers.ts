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

export function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

export function problem(status: number, code: string, detail: string, errors?: { field: string; message: string }[]) {
  return json(status, { type: 'about:blank', title: 'Error', status, detail, code, errors }, 'application/problem+json');
}

export function auth(accessToken: string, refreshToken: string, expiresIn = 900): AuthResponse {
  return { user: { id: 'u1', username: 'ada', displayName: 'Ada Lovelace' }, accessToken, refreshToken, expiresIn };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
