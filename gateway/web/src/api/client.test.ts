import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, SESSION_KEY } from '../auth/session';
import {
  ADA,
  auth,
  bodyOf,
  deferred,
  json,
  memoryStorage,
  problem,
  sharedLocks,
  storedText,
  storeMarker,
  urlOf,
} from '../test/helpers';
import { createApiClient, type ApiClient, type ApiClientOptions } from './client';
import { ApiError } from './errors';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

const clients: ApiClient[] = [];

function setup(
  handler: Handler,
  {
    signedIn = true,
    expiresIn = 900,
    storage = memoryStorage(),
    locks = null,
  }: { signedIn?: boolean; expiresIn?: number; storage?: Storage; locks?: ApiClientOptions['locks'] } = {},
) {
  const session = createSessionStore({ storage });
  if (signedIn) session.signIn(auth('A1', expiresIn));
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => handler(urlOf(input), init ?? {}));
  const api = createApiClient({ session, fetch, locks });
  clients.push(api);
  return { api, session, fetch, storage };
}

const headers = (init: RequestInit) => init.headers as Record<string, string>;
const bearer = (init: RequestInit) => headers(init).Authorization;
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

/** A storage holding only the marker, as a page load finds it: signed in, no access token in this tab yet. */
function afterPageLoad() {
  const storage = memoryStorage();
  storeMarker(storage);
  return storage;
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

  it('refreshes once for concurrent 401s, via the cookie, and retries each request with the new token', async () => {
    const refreshAnswer = deferred<Response>();
    const { api, session, fetch } = setup(server('A2', () => refreshAnswer.promise));

    const results = Promise.all([api.get('/api/friends'), api.get('/api/conversations'), api.get('/api/users/me')]);
    await vi.waitFor(() => expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1));
    refreshAnswer.resolve(json(200, auth('A2')));

    expect(await results).toEqual([
      { path: '/api/friends' },
      { path: '/api/conversations' },
      { path: '/api/users/me' },
    ]);
    const refreshes = callsTo(fetch, '/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    const [, init] = refreshes[0];
    expect(bodyOf(init)).toEqual({});
    expect(headers(init ?? {})['X-Parley-Session']).toBe('cookie');
    expect(bearer(init ?? {})).toBeUndefined();
    expect(callsTo(fetch, '/api/friends').map(([, i]) => bearer(i ?? {}))).toEqual(['Bearer A1', 'Bearer A2']);
    expect(session.get()?.accessToken).toBe('A2');
  });

  it('fetches a file as a blob with the token, refreshing on a 401, and gives a problem as an ApiError', async () => {
    const { api, fetch } = setup((url, init) => {
      if (url === '/api/auth/refresh') return json(200, auth('A2'));
      if (bearer(init) !== 'Bearer A2') return problem(401, 'UNAUTHENTICATED', 'Token expired');
      if (url.includes('gone')) return problem(404, 'MEDIA_NOT_FOUND', 'No such file');
      return new Response('PNG', { status: 200, headers: { 'Content-Type': 'image/png' } });
    });

    const blob = await api.getBlob('/api/media/m1/content');

    expect(await blob.text()).toBe('PNG');
    const calls = callsTo(fetch, '/api/media/m1/content');
    expect(calls.map(([, i]) => bearer(i ?? {}))).toEqual(['Bearer A1', 'Bearer A2']);
    expect(headers(calls[0][1] ?? {}).Accept).toBe('*/*');
    await expect(api.getBlob('/api/media/gone/content')).rejects.toMatchObject({
      status: 404,
      code: 'MEDIA_NOT_FOUND',
    });
  });

  it('retries only once when the new token is rejected too', async () => {
    const { api, fetch } = setup(server('never', () => json(200, auth('A2'))));

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(callsTo(fetch, '/api/friends')).toHaveLength(2);
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out, removes the marker and tells listeners when the cookie is rejected', async () => {
    const { api, session, storage } = setup(server('A2', () => problem(401, 'REFRESH_TOKEN_INVALID', 'Revoked')));
    const expired = vi.fn();
    session.onExpired(expired);

    await expect(api.get('/api/friends')).rejects.toBeInstanceOf(ApiError);
    expect(session.get()).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session and the marker when the refresh fails for a server error', async () => {
    const { api, session, storage } = setup(server('A2', () => problem(503, 'UNAVAILABLE', 'Down')));

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 503 });
    expect(session.get()?.accessToken).toBe('A1');
    expect(storage.getItem(SESSION_KEY)).not.toBeNull();
  });

  it('keeps the session when the refresh is rate limited', async () => {
    const { api, session } = setup(server('A2', () => problem(429, 'RATE_LIMITED', 'Slow down')));
    const expired = vi.fn();
    session.onExpired(expired);

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 429 });
    expect(session.get()?.accessToken).toBe('A1');
    expect(expired).not.toHaveBeenCalled();
  });

  it('refreshes before a request when the access token is about to expire', async () => {
    const { api, fetch } = setup(
      server('A2', () => json(200, auth('A2'))),
      { expiresIn: 10 },
    );

    await api.get('/api/friends');

    expect(fetch.mock.calls.map(([url, init]) => `${urlOf(url)} ${bearer(init ?? {}) ?? '-'}`)).toEqual([
      '/api/auth/refresh -',
      '/api/friends Bearer A2',
    ]);
  });

  it('refreshes on a timer shortly before expiry', async () => {
    vi.useFakeTimers();
    const { fetch, session } = setup(
      server('A2', () => json(200, auth('A2', 120))),
      { expiresIn: 120 },
    );

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

    await expect(api.postSession('/api/auth/login', { login: 'ada', password: 'x' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(bearer(fetch.mock.calls[0][1] ?? {})).toBeUndefined();
    expect(headers(fetch.mock.calls[0][1] ?? {})['X-Parley-Session']).toBe('cookie');
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

describe('api client after a page load (marker, no access token)', () => {
  it('refreshes via the cookie before the first request', async () => {
    const { api, fetch, session } = setup(
      server('A2', () => json(200, auth('A2'))),
      {
        signedIn: false,
        storage: afterPageLoad(),
      },
    );
    expect(session.get()).toEqual({ user: ADA, accessToken: null, accessExpiresAt: 0 });

    expect(await api.get('/api/friends')).toEqual({ path: '/api/friends' });

    expect(fetch.mock.calls.map(([url, init]) => `${urlOf(url)} ${bearer(init ?? {}) ?? '-'}`)).toEqual([
      '/api/auth/refresh -',
      '/api/friends Bearer A2',
    ]);
  });

  it('makes one refresh request for concurrent callers in one tab', async () => {
    const refreshAnswer = deferred<Response>();
    const { api, fetch } = setup(
      server('A2', () => refreshAnswer.promise),
      {
        signedIn: false,
        storage: afterPageLoad(),
      },
    );

    const tokens = Promise.all([api.accessToken(), api.accessToken(), api.get('/api/friends')]);
    await vi.waitFor(() => expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1));
    refreshAnswer.resolve(json(200, auth('A2')));

    expect(await tokens).toEqual(['A2', 'A2', { path: '/api/friends' }]);
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1);
  });

  it('keeps the marker after a network failure, and the next call tries again', async () => {
    let online = false;
    const { api, fetch, session, storage } = setup(
      (url, init) => {
        if (!online) throw new TypeError('Failed to fetch');
        return server('A2', () => json(200, auth('A2')))(url, init);
      },
      { signedIn: false, storage: afterPageLoad() },
    );

    await expect(api.accessToken()).rejects.toMatchObject({ code: 'NETWORK' });
    expect(session.get()?.user).toEqual(ADA);
    expect(storage.getItem(SESSION_KEY)).not.toBeNull();

    online = true;
    expect(await api.accessToken()).toBe('A2');
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(2);
  });

  it('never writes a token to storage: after sign-in, after a refresh', async () => {
    const storage = memoryStorage();
    const { api, session } = setup(
      server('A2', () => json(200, auth('A2'))),
      { storage, expiresIn: 10 },
    );
    expect(session.get()?.accessToken).toBe('A1');
    expect(storedText(storage)).not.toMatch(/A1/);

    await api.get('/api/friends');

    expect(session.get()?.accessToken).toBe('A2');
    expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual([SESSION_KEY]);
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? 'null')).toEqual({ user: ADA });
  });
});

describe('api client and other tabs', () => {
  it('does not send the cookie once another tab has signed out', async () => {
    const { api, fetch, session, storage } = setup(
      server('A2', () => json(200, auth('A2'))),
      { expiresIn: 10 },
    );
    createSessionStore({ storage }).clear(); // the other tab; this one has not seen the storage event yet

    await expect(api.get('/api/friends')).rejects.toMatchObject({ status: 401 });
    expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(0);
    expect(session.get()).toBeNull();
  });

  it('keeps a sign-out that happened while the refresh was in flight', async () => {
    const refreshAnswer = deferred<Response>();
    const { api, fetch, session } = setup(
      server('A2', () => refreshAnswer.promise),
      { expiresIn: 10 },
    );
    const expired = vi.fn();
    session.onExpired(expired);

    const token = api.accessToken();
    await vi.waitFor(() => expect(callsTo(fetch, '/api/auth/refresh')).toHaveLength(1));
    session.clear();
    refreshAnswer.resolve(problem(401, 'REFRESH_TOKEN_INVALID', 'Revoked by the logout'));

    await expect(token).rejects.toMatchObject({ status: 401 });
    expect(session.get()).toBeNull();
    expect(session.endReason()).toBeNull();
    expect(expired).not.toHaveBeenCalled();
  });

  it('lets one tab at a time send the cookie, so the next tab sends the rotated one', async () => {
    // auth-service and the browser's cookie jar: each refresh rotates the cookie; a spent one is theft.
    let jar = 'C1';
    const sent: string[] = [];
    const answers: ((response: Response) => void)[] = [];
    const spent = new Set<string>();
    const refreshEndpoint = async () => {
      const cookie = jar;
      sent.push(cookie);
      const answer = deferred<Response>();
      answers.push(answer.resolve);
      await answer.promise;
      if (spent.has(cookie)) return problem(401, 'REFRESH_TOKEN_REUSED', 'Reused');
      spent.add(cookie);
      jar = `C${spent.size + 1}`;
      return json(200, auth(`A${spent.size + 1}`));
    };
    const storage = afterPageLoad();
    const { locks, waiting } = sharedLocks();
    const tabA = setup(server('-', refreshEndpoint), { signedIn: false, storage, locks });
    const tabB = setup(server('-', refreshEndpoint), { signedIn: false, storage, locks });

    const tokenA = tabA.api.accessToken();
    const tokenB = tabB.api.accessToken();
    await vi.waitFor(() => expect(sent).toEqual(['C1']));
    expect(waiting('parley.auth.refresh')).toBe(1); // tab B, queued behind tab A
    answers[0](new Response());
    await vi.waitFor(() => expect(sent).toEqual(['C1', 'C2']));
    answers[1](new Response());

    expect([await tokenA, await tokenB]).toEqual(['A2', 'A3']);
    expect([tabA.session.get()?.accessToken, tabB.session.get()?.accessToken]).toEqual(['A2', 'A3']);
  });

  it('runs login under the same lock, after a refresh another tab has in flight', async () => {
    const refreshAnswer = deferred<Response>();
    const storage = afterPageLoad();
    const { locks, waiting } = sharedLocks();
    const handler: Handler = (url) => (url === '/api/auth/refresh' ? refreshAnswer.promise : json(200, auth('A9')));
    const tabA = setup(handler, { signedIn: false, storage, locks });
    const tabB = setup(handler, { signedIn: false, storage, locks });

    const refreshed = tabA.api.accessToken();
    await vi.waitFor(() => expect(callsTo(tabA.fetch, '/api/auth/refresh')).toHaveLength(1));
    const login = tabB.api.postSession('/api/auth/login', { login: 'ada', password: 'x' });
    expect(waiting('parley.auth.refresh')).toBe(1);
    expect(tabB.fetch).not.toHaveBeenCalled();

    refreshAnswer.resolve(json(200, auth('A2')));
    expect(await refreshed).toBe('A2');
    await expect(login).resolves.toEqual(auth('A9'));
    expect(callsTo(tabB.fetch, '/api/auth/login')).toHaveLength(1);
  });
});
