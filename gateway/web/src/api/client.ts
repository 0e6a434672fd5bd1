import { sessionStore, type AuthResponse, type Session, type SessionStore } from '../auth/session';
import { ApiError } from './errors';

export { ApiError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  session: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  baseUrl?: string;
  /** Refresh once the access token has less than this left (default 30 s). */
  refreshSkewMs?: number;
  /** Refresh on a timer shortly before expiry (default true). */
  autoRefresh?: boolean;
  /** Cross-tab mutual exclusion for refreshes; defaults to `navigator.locks` where present. */
  locks?: Pick<LockManager, 'request'> | null;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** A usable access token (refreshed first if near expiry, or always with `force`); null when signed out. */
  accessToken(force?: boolean): Promise<string | null>;
  dispose(): void;
}

// These authenticate by their body, so they get no bearer token (an expired one would be rejected even on
// a public path) and a 401 from them is an answer (e.g. wrong password), not a reason to refresh.
const PUBLIC_AUTH = /^\/api\/auth\/(login|signup|refresh|logout|otp|password\/(forgot|reset))(\/|$|\?)/;
const MAX_TIMEOUT_MS = 2_147_483_647;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { session } = options;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 30_000;
  const baseUrl = options.baseUrl ?? '';
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  let refreshing: Promise<Session> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function send(method: Method, path: string, body: unknown, token: string | null, signal?: AbortSignal) {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      const init: RequestInit = { method, headers, signal };
      if (body !== undefined) init.body = JSON.stringify(body);
      return await doFetch(baseUrl + path, init);
    } catch (cause) {
      if (signal?.aborted) throw cause; // the caller cancelled; not a network failure
      throw ApiError.network(cause);
    }
  }

  async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const isPublicAuth = PUBLIC_AUTH.test(path);
    const token = isPublicAuth ? null : await accessToken();
    let response = await send(method, path, body, token, opts.signal);
    if (response.status === 401 && token) {
      const renewed = await refresh(token);
      response = await send(method, path, body, renewed.accessToken, opts.signal);
    }
    return parse<T>(response);
  }

  async function accessToken(force = false): Promise<string | null> {
    const current = session.get();
    if (!current) return null;
    if (!force && current.accessExpiresAt - now() > skew) return current.accessToken;
    return (await refresh(force ? current.accessToken : undefined)).accessToken;
  }

  /** Single-flight: every caller during one refresh shares its result. */
  function refresh(rejectedToken?: string): Promise<Session> {
    refreshing ??= exclusive(() => refreshNow(rejectedToken)).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function refreshNow(rejectedToken?: string): Promise<Session> {
    // Another tab may have rotated the pair already; its refresh token is the only valid one now.
    const latest = session.reload();
    if (!latest) throw new ApiError(401, 'UNAUTHENTICATED', 'You are signed out.');
    if (latest.accessExpiresAt - now() > skew && latest.accessToken !== rejectedToken) return latest;

    const response = await send('POST', '/api/auth/refresh', { refreshToken: latest.refreshToken }, null);
    if (!response.ok) {
      const error = await toError(response);
      // A rejected refresh token ends the session; a 5xx, a 429 (rate limit) or a network failure leaves it
      // for the next try.
      if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) session.expire();
      throw error;
    }
    const auth = await readBody<AuthResponse>(response);
    if (session.get()?.refreshToken !== latest.refreshToken) {
      // Signed out (or in as someone else) while the refresh was in flight: keep what the user did.
      const current = session.get();
      if (current) return current;
      throw new ApiError(401, 'UNAUTHENTICATED', 'You are signed out.');
    }
    return session.signIn(auth);
  }

  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    return locks ? (locks.request('parley.auth.refresh', run) as Promise<T>) : run();
  }

  function schedule() {
    clearTimeout(timer);
    const current = session.get();
    if (!current || options.autoRefresh === false) return;
    const delay = Math.min(Math.max(current.accessExpiresAt - skew - now(), 0), MAX_TIMEOUT_MS);
    // Failures are already handled inside refresh (a 4xx signs out); otherwise the next request retries.
    timer = setTimeout(() => void refresh().catch(() => undefined), delay);
  }

  const unsubscribe = session.subscribe(schedule);
  schedule();

  return {
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    delete: (path, body, opts) => request('DELETE', path, body, opts),
    accessToken,
    dispose() {
      unsubscribe();
      clearTimeout(timer);
    },
  };
}

async function parse<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toError(response);
  return readBody<T>(response);
}

async function toError(response: Response): Promise<ApiError> {
  const body = await readBody<unknown>(response);
  return ApiError.fromResponse(response.status, response.statusText, body, response.headers);
}

async function readBody<T>(response: Response): Promise<T> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T; // not JSON (e.g. a proxy's HTML error page): nothing useful to show
  }
}

function browserLocks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** The app's one HTTP client. */
export const api = createApiClient({ session: sessionStore });
