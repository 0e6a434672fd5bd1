import { useSyncExternalStore } from 'react';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  avatarUrl?: string | null;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token stops being accepted. */
  accessExpiresAt: number;
}

/** Body of login, signup/verify and refresh responses. */
export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export const SESSION_KEY = 'parley.session';

type Listener = () => void;

/** 'expired': the server no longer accepts the session; 'password-changed': it was revoked by a password change. */
export type SessionEndReason = 'expired' | 'password-changed';

export interface SessionStore {
  get(): Session | null;
  /** Stores the session from an auth response (login, verify, refresh). */
  signIn(response: AuthResponse): Session;
  /** Updates the signed-in user's details (e.g. a new display name); no-op when signed out. */
  updateUser(change: Partial<Omit<User, 'id'>>): void;
  /** Local sign-out chosen by the user. */
  clear(): void;
  /**
   * Forced sign-out (refresh rejected, socket closed as terminal, password changed elsewhere); also tells
   * `onExpired` listeners. `reason` (default 'expired') is kept for `endReason`.
   */
  expire(reason?: SessionEndReason): void;
  /** Why the last session was expired; null after a sign-in or a sign-out the user chose. */
  endReason(): SessionEndReason | null;
  /** Re-reads storage, which another tab may have updated; returns the current session. */
  reload(): Session | null;
  /** Called on every change of the session, including token refreshes. */
  subscribe(listener: Listener): () => void;
  onExpired(listener: Listener): () => void;
}

export interface SessionStoreOptions {
  storage?: Storage | null;
  now?: () => number;
}

export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const now = options.now ?? Date.now;
  const listeners = new Set<Listener>();
  const expiredListeners = new Set<Listener>();
  let current = read(storage);
  let persisted = true; // false after a failed write: storage then holds an outdated session
  let ended: SessionEndReason | null = null;

  const emit = (set: Set<Listener>) => [...set].forEach((l) => l());
  const replace = (next: Session | null, reason: SessionEndReason | null = null) => {
    current = next;
    ended = reason;
    persisted = write(storage, next);
    emit(listeners);
  };

  return {
    get: () => current,
    signIn(response) {
      const session: Session = {
        user: response.user,
        accessToken: response.accessToken,
        refreshToken: response.refreshToken,
        accessExpiresAt: now() + response.expiresIn * 1000,
      };
      replace(session);
      return session;
    },
    updateUser(change) {
      if (current) replace({ ...current, user: { ...current.user, ...change } });
    },
    clear: () => replace(null),
    expire(reason = 'expired') {
      replace(null, reason);
      emit(expiredListeners);
    },
    endReason: () => ended,
    reload() {
      if (!storage || !persisted) return current;
      const stored = read(storage);
      if (!sameSession(stored, current)) {
        current = stored;
        emit(listeners);
      }
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onExpired(listener) {
      expiredListeners.add(listener);
      return () => expiredListeners.delete(listener);
    },
  };
}

function sameSession(a: Session | null, b: Session | null): boolean {
  return a?.accessToken === b?.accessToken && a?.refreshToken === b?.refreshToken;
}

function read(storage: Storage | null): Session | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(SESSION_KEY) ?? 'null');
    return isSession(parsed) ? parsed : null;
  } catch {
    return null; // corrupt entry: treat as signed out
  }
}

function write(storage: Storage | null, session: Session | null): boolean {
  try {
    if (session) storage?.setItem(SESSION_KEY, JSON.stringify(session));
    else storage?.removeItem(SESSION_KEY);
    return true;
  } catch {
    return false; // storage full or blocked: the session still lives in memory for this tab
  }
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.accessExpiresAt === 'number' &&
    typeof s.user === 'object' &&
    s.user !== null
  );
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The app's one session store. */
export const sessionStore = createSessionStore();

// Another tab signed in, refreshed or signed out: follow it, so tabs never reuse a rotated refresh token.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === SESSION_KEY || event.key === null) sessionStore.reload();
  });
}

export function useSession(store: SessionStore = sessionStore): Session | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
