import { useMemo, type ReactNode } from 'react';
import { Navigate, useLocation, type Location } from 'react-router';
import { sessionEndNotice } from '../api/messages';
import { RestoringSession } from './RestoringSession';
import { useCurrentSession, useServices } from './services';

type Place = Pick<Location, 'pathname' | 'search' | 'hash'>;

/** What /login is navigated with: a notice to show, and where to go once signed in. */
export interface LoginState {
  notice?: string;
  from?: Place;
}

export function loginState({ pathname, search, hash }: Place, notice?: string): LoginState {
  return { notice, from: { pathname, search, hash } };
}

/** Where to go after signing in: back where the user was going (never to an account page), else `/`. */
export function afterLoginTarget(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  if (!from || typeof from.pathname !== 'string' || !/^\/(?!\/)/.test(from.pathname)) return '/';
  if (/^\/(login|signup|forgot-password|reset-password)(\/|$)/.test(from.pathname)) return '/';
  return from.pathname + (from.search ?? '') + (from.hash ?? '');
}

/**
 * Renders `children` when signed in; otherwise sends the user to /login and back here afterwards. When the
 * session was expired on this page, the state matches what the app's expiry handler navigates with. Signed in
 * without an access token yet (a page load), it shows the loading state until the cookie refresh answers.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useCurrentSession();
  const { session: store } = useServices();
  const location = useLocation();
  const signedIn = session !== null;
  // <Navigate> navigates again whenever its state object changes; keep it stable.
  const state = useMemo(
    () => (signedIn ? null : loginState(location, sessionEndNotice(store.endReason()))),
    [signedIn, location, store],
  );
  if (!signedIn) return <Navigate to="/login" replace state={state} />;
  // Keyed by user: a sign-in as someone else in another tab needs a refresh of its own.
  if (!session.accessToken) return <RestoringSession key={session.user.id} />;
  return children;
}
