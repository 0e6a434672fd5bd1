import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { vi } from 'vitest';
import { createApiClient } from '../api/client';
import { App } from '../app/App';
import { createAuthApi } from '../auth/authApi';
import { ServicesProvider, type Services } from '../auth/services';
import { createSessionStore, followOtherTabs, type SessionStore } from '../auth/session';
import { createFakeSocket, type FakeSocket } from './fakeSocket';
import { auth, bodyOf, problem, urlOf } from './helpers';

/** One fake endpoint: gets the parsed JSON body, the request and its URL, answers a Response. */
export type Endpoint = (body: unknown, init: RequestInit, url: string) => Response | Promise<Response>;
/**
 * Fake endpoints by `"/api/…"` URL (query included), or by `"METHOD /api/…"` where one URL answers several
 * methods; the method-specific key wins.
 */
export type Server = Record<string, Endpoint>;

const disposals: (() => void)[] = [];

/** Disposes what `renderApp` started (api clients and their refresh timers, storage listeners); after each test. */
export function disposeClients() {
  disposals.splice(0).forEach((dispose) => dispose());
}

export interface AppHarness {
  session: SessionStore;
  fetch: ReturnType<typeof vi.fn<typeof globalThis.fetch>>;
  services: Services;
  /** The fake live connection: `socket.emit(type, data)` delivers a server frame. */
  socket: FakeSocket;
  /** `"METHOD url"` of every request, in order. */
  calls(): string[];
  /** Parsed JSON bodies of the requests sent to `path`, in order. */
  bodies(path: string): unknown[];
  /** Authorization headers of the requests sent to `path`. */
  bearers(path: string): (string | undefined)[];
  /** All headers of the requests sent to `path`. */
  headers(path: string): Record<string, string>[];
}

/**
 * Renders the whole app at `path` with its real api client, whose only fake is `fetch`: `server` maps
 * `"/api/…"` paths to handlers; anything else answers 404. The session store uses the page's localStorage (so a
 * marker put there beforehand is a page load with a cookie session) and follows its `storage` events.
 */
export function renderApp(
  path: string,
  server: Server = {},
  { signedIn = false, expiresIn = 900, state }: { signedIn?: boolean; expiresIn?: number; state?: unknown } = {},
): AppHarness {
  const session = createSessionStore({ storage: localStorage });
  disposals.push(followOtherTabs(session));
  if (signedIn) session.signIn(auth('A1', expiresIn));
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init = {}) => {
    const url = urlOf(input);
    const endpoint = server[`${init.method ?? 'GET'} ${url}`] ?? server[url];
    if (!endpoint) return problem(404, 'NOT_FOUND', `No fake for ${url}`);
    return endpoint(bodyOf(init), init, url);
  });
  const api = createApiClient({ session, fetch, locks: null });
  disposals.push(() => api.dispose());
  const socket = createFakeSocket();
  const services: Services = { session, api, auth: createAuthApi(api, session), socket };

  const { pathname, search, hash } = new URL(path, 'http://parley.test');
  render(
    <ServicesProvider value={services}>
      <MemoryRouter initialEntries={[{ pathname, search, hash, state }]}>
        <App />
        <LocationProbe />
      </MemoryRouter>
    </ServicesProvider>,
  );

  const requests = (p: string) => fetch.mock.calls.filter(([url]) => urlOf(url) === p).map(([, init]) => init ?? {});
  return {
    session,
    fetch,
    services,
    socket,
    calls: () => fetch.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${urlOf(url)}`),
    bodies: (p) => requests(p).map(bodyOf),
    bearers: (p) => requests(p).map((init) => (init.headers as Record<string, string>).Authorization),
    headers: (p) => requests(p).map((init) => init.headers as Record<string, string>),
  };
}

/** The router's current path and query, for asserting navigation. */
function LocationProbe() {
  const { pathname, search } = useLocation();
  return <output data-testid="location">{pathname + search}</output>;
}

export const currentPath = () => screen.getByTestId('location').textContent;

/** With fake timers: moves the clock and lets React and pending fetches settle. */
export async function advance(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
