import { createContext, useContext, type ReactNode } from 'react';
import { api, type ApiClient } from '../api/client';
import { socket, type ParleySocket } from '../socket/socket';
import { authApi, type AuthApi } from './authApi';
import { sessionStore, useSession, type Session, type SessionStore } from './session';

/** What the screens talk to: the session, the HTTP client, the auth calls on both, and the live socket. */
export interface Services {
  session: SessionStore;
  api: ApiClient;
  auth: AuthApi;
  socket: ParleySocket;
}

const ServicesContext = createContext<Services>({ session: sessionStore, api, auth: authApi, socket });

/** Swaps the app's singletons, e.g. for a client with an injected `fetch` and a fake socket in tests. */
export function ServicesProvider({ value, children }: { value: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  return useContext(ServicesContext);
}

export function useAuth(): AuthApi {
  return useServices().auth;
}

/** The signed-in session, re-rendering on sign-in, refresh and sign-out. */
export function useCurrentSession(): Session | null {
  return useSession(useServices().session);
}
