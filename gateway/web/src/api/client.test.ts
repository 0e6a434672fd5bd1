import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, SESSION_KEY } from '../auth/session';
import { auth, deferred, json, memoryStorage, problem } from '../test/helpers';
import { createApiClient, type ApiClient } from './client';
import { ApiError } from './errors';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

const clients: ApiClient[] = [];

function setup(handler: Handler, { signedIn = true, expiresIn = 900, storage = memoryStorage() } = {}) {
  const session = createSessionStore({ storage });
  if (signedIn) session.signIn(auth('A1', 'R1', expiresIn));
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => handler(String(input), init ?? {}));
  const api = createApiClient({ session, fetch, locks: null });
  clients.push(api);
  return { api, session, fetch, storage };
}

const bearer = (init: RequestInit) => (init.headers as Record<string, string>).Authorization;
const callsTo = (fetch: ReturnType<typeof setup>['fetch'], path: string) =>
  fetch.mock.calls.filter(([url]) => url === path);

/** A server whose protected endpoints accept only `validToken`, and whose refresh endpoint is `onRefresh`. */
function server(validToken: string, onRefresh: () => Response | Promise<Response>): Handler {
  return (url, init) => {
    if (url === '/api/auth/refresh') return onRefresh();
    if (bearer(init) !== `Bearer ${validToken}`) return problem(401, 'UNAUTHENTICATED', 'Token expired');
    return json(200, { path: url });
  };
}

afterEach(() => {
  clients.splice(0).forEach((c) => c.dispose());
  vi.useRealTimers();
});

describe('api client', () => {
  it('attaches the access token and sends JSON', async () => {
    const { api, fetch } = setup(() => json(201, { id: 'c1' }));

    const result = await api.post<{ id: string }>('/api/conversations', { title: 'Team' });

    expect(result).toEqual({ id: 'c1' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/conversations');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"title":"Team"}');
    expect(bearer(init ?? {})).toBe('Bearer A1');
  });

  it('sends no Authorization header when signed out', async () => {
    const { api, fetch } = setup(() => json(200, {}), { signedIn: false });
    await api.get('/api/health');
    expect(bearer(fetch.mock.calls[0][1] ?? {})).toBeUndefined();
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    const refreshAnswer = deferred<Response>();
    const { api, session, fetch } = setup(server('A2', () => refreshAnswer.promise));

    const results = Promise.all([api.get('/api/friends'), api.get('/api/conversations'), api.get('/api/users/me')]);
    await vi.waitFor(() => expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1));
    refreshAnswer.resolve(json(200, auth('A2', 'R2')));

    expect(await results).toEqual([
      { path: '/api/friends' },
      { path: '/api/conversations' },
      { path: '/api/users/me' },
    ]);
    const refreshes = callsTo(fetch, '/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(JSON.parse(String(refreshes[0][1]?.body))).toEqual({ refreshToken: 'R1' });
    expect(callsTo(fetch, '/api/friends').map(([, init]) => bearer(init ?? {}))).toEqual(['Bearer A1', 'Bearer A2']);
    expect(session.get()).toMatchObject({ accessToken: 'A2', refreshToken: 'R2' });
  });

  it('retries only once when the new token is rejected too', async () => {
    const { api, fetch } = setup(server('never', () => json(200, auth('A2', 'R2'))));

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(callsTo(fetch, '/api/friends')).toHaveLength(2);
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out and tells listeners when the refresh token is rejected', async () => {
    const { api, session } = setup(server('A2', () => problem(401, 'REFRESH_INVALID', 'Refresh token revoked')));
    const expired = vi.fn();
    session.onExpired(expired);

    await expect(api.get('/api/friends')).rejects.toBeInstanceOf(ApiError);
    expect(session.get()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh fails for a server error', async () => {
    const { api, session } = setup(server('A2', () => problem(503, 'UNAVAILABLE', 'Down')));

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 503 });
    expect(session.get()?.refreshToken).toBe('R1');
  });

  it('keeps the session when the refresh is rate limited', async () => {
    const { api, session } = setup(server('A2', () => problem(429, 'RATE_LIMITED', 'Slow down')));
    const expired = vi.fn();
    session.onExpired(expired);

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 429 });
    expect(session.get()?.refreshToken).toBe('R1');
    expect(expired).not.toHaveBeenCalled();
  });

  it('uses a pair another tab already rotated instead of spending the old refresh token', async () => {
    const { api, fetch, storage } = setup(server('A9', () => problem(401, 'REFRESH_REUSED', 'Reused')));
    const other = createSessionStore({ storage });
    other.signIn(auth('A9', 'R9'));

    expect(await api.get('/api/friends')).toEqual({ path: '/api/friends' });
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(0);
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? '{}').refreshToken).toBe('R9');
  });

  it('refreshes before a request when the access token is about to expire', async () => {
    const { api, fetch } = setup(server('A2', () => json(200, auth('A2', 'R2'))), { expiresIn: 10 });

    await api.get('/api/friends');

    expect(fetch.mock.calls.map(([url, init]) => `${url} ${bearer(init ?? {}) ?? '-'}`)).toEqual([
      '/api/auth/refresh -',
      '/api/friends Bearer A2',
    ]);
  });

  it('refreshes on a timer shortly before expiry', async () => {
    vi.useFakeTimers();
    const { fetch, session } = setup(server('A2', () => json(200, auth('A2', 'R2', 120))), { expiresIn: 120 });

    await vi.advanceTimersByTimeAsync(89_000);
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1);
    expect(session.get()?.accessToken).toBe('A2');
  });

  it('turns problem+json into an ApiError with code, detail and field errors', async () => {
    const { api } = setup(() =>
      problem(400, 'VALIDATION_FAILED', 'Request is invalid', [{ field: 'title', message: 'must not be blank' }]),
    );

    const error = await api.post('/api/conversations', { title: '' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.status, apiError.code, apiError.detail]).toEqual([400, 'VALIDATION_FAILED', 'Request is invalid']);
    expect(apiError.fieldError('title')).toBe('must not be blank');
  });

  it('does not refresh or send a token on a 401 from login', async () => {
    const { api, fetch, session } = setup(() => problem(401, 'INVALID_CREDENTIALS', 'Wrong password'));

    await expect(api.post('/api/auth/login', { login: 'ada', password: 'x' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(bearer(fetch.mock.calls[0][1] ?? {})).toBeUndefined();
    expect(session.get()).not.toBeNull();
  });

  it('reports a network failure as code NETWORK', async () => {
    const { api } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('resolves to undefined for 204 No Content', async () => {
    const { api } = setup(() => new Response(null, { status: 204 }));
    await expect(api.delete('/api/friends/u2')).resolves.toBeUndefined();
  });
});
