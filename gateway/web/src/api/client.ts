import { sessionStore, type AuthResponse, type SessionStore } from '../auth/session';
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

interface SendOptions {
  token?: string | null;
  signal?: AbortSignal;
  extraHeaders?: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** GET of a file (e.g. `/api/media/{id}/content`) as a Blob, with the bearer token and the refresh on 401. */
  getBlob(path: string, options?: RequestOptions): Promise<Blob>;
  /**
   * POST to an auth endpoint that sets or sends the refresh cookie (login, signup/verify, logout): marked with
   * `X-Parley-Session: cookie` and run under the cross-tab refresh lock, like a refresh.
   */
  postSession<T>(path: string, body: unknown): Promise<T>;
  /**
   * A usable access token: refreshed via the cookie first if this tab has none yet (after a page load), if it
   * is near expiry, or always with `force`; null when signed out.
   */
  accessToken(force?: boolean): Promise<string | null>;
  dispose(): void;
}

// These authenticate by their body or the refresh cookie, so they get no bearer token (an expired one would be
// rejected even on a public path) and a 401 from them is an answer (e.g. wrong password), not a reason to refresh.
const PUBLIC_AUTH = /^\/api\/auth\/(login|signup|refresh|logout|otp|password\/(forgot|reset))(\/|$|\?)/;
const MAX_TIMEOUT_MS = 2_147_483_647;
/** Asks auth-service to keep the refresh token in the HttpOnly `parley_refresh` cookie instead of the body. */
const COOKIE_SESSION = { 'X-Parley-Session': 'cookie' } as const;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { session } = options;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? 30_000;
  const baseUrl = options.baseUrl ?? '';
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  let refreshing: Promise<string> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function send(method: Method, path: string, body: unknown, { token, signal, extraHeaders }: SendOptions = {}) {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...extraHeaders };
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
    return parse<T>(await authorized(method, path, body, opts));
  }

  /** Sends with this tab's token, and once more with a fresh one when the server answers 401. */
  async function authorized(
    method: Method,
    path: string,
    body: unknown,
    opts: RequestOptions,
    extraHeaders?: Record<string, string>,
  ): Promise<Response> {
    const isPublicAuth = PUBLIC_AUTH.test(path);
    const token = isPublicAuth ? null : await accessToken();
    const response = await send(method, path, body, { token, signal: opts.signal, extraHeaders });
    if (response.status !== 401 || !token) return response;
    return send(method, path, body, { token: await refresh(token), signal: opts.signal, extraHeaders });
  }

  async function getBlob(path: string, opts: RequestOptions = {}): Promise<Blob> {
    const response = await authorized('GET', path, undefined, opts, { Accept: '*/*' });
    if (!response.ok) throw await toError(response);
    try {
      return await response.blob();
    } catch (cause) {
      if (opts.signal?.aborted) throw cause;
      throw ApiError.network(cause);
    }
  }

  async function accessToken(force = false): Promise<string | null> {
    const current = session.get();
    if (!current) return null;
    if (!force && current.accessToken && current.accessExpiresAt - now() > skew) return current.accessToken;
    return refresh(force ? (current.accessToken ?? undefined) : undefined);
  }

  /** Single-flight: every caller during one refresh shares its result. */
  function refresh(rejectedToken?: string): Promise<string> {
    refreshing ??= exclusive(() => refreshNow(rejectedToken)).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  // Runs under the cross-tab lock: tabs share one cookie, and the server takes a rotated refresh token sent
  // again as theft (it revokes the whole session), so two tabs must never send it at the same time. A tab that
  // refreshes after another sends the cookie the jar holds by then, which is the rotated one.
  async function refreshNow(rejectedToken?: string): Promise<string> {
    // Another tab may have signed out, or in as someone else, while this one waited for the lock.
    const latest = session.reload();
    if (!latest) throw signedOut();
    const { accessToken: held, accessExpiresAt } = latest;
    if (held && held !== rejectedToken && accessExpiresAt - now() > skew) return held;

    const response = await send('POST', '/api/auth/refresh', {}, { extraHeaders: COOKIE_SESSION });
    const answer = response.ok ? await readBody<AuthResponse>(response) : await toError(response);
    // Signed out (or in as someone else) while the refresh was in flight: keep what the user did.
    const current = session.get();
    const stillOurs = current?.user.id === latest.user.id;
    if (answer instanceof ApiError) {
      // A rejected cookie ends the session; a 5xx, a 408, a 429 (rate limit) or a network failure leaves it
      // (and the marker) for the next try.
      const { status } = answer;
      if (stillOurs && status >= 400 && status < 500 && status !== 408 && status !== 429) session.expire();
      throw answer;
    }
    if (stillOurs) {
      session.signIn(answer);
      return answer.accessToken;
    }
    if (current?.accessToken) return current.accessToken;
    throw signedOut();
  }

  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    return locks ? (locks.request('parley.auth.refresh', run) as Promise<T>) : run();
  }

  function schedule() {
    clearTimeout(timer);
    const current = session.get();
    // Without a token (after a page load) there is nothing to keep fresh: the first use refreshes.
    if (!current?.accessToken || options.autoRefresh === false) return;
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
    getBlob,
    postSession: (path, body) =>
      exclusive(async () => parse(await send('POST', path, body, { extraHeaders: COOKIE_SESSION }))),
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

const signedOut = () => new ApiError(401, 'UNAUTHENTICATED', 'You are signed out.');

function browserLocks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** The app's one HTTP client. */
export const api = createApiClient({ session: sessionStore });
