import { useSyncExternalStore } from 'react';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email?: string;
  avatarUrl?: string | null;
}

/**
 * The signed-in user and this tab's access token. The refresh token is an HttpOnly cookie that scripts never
 * see; the access token lives in this object only, never in storage.
 */
export interface Session {
  user: User;
  /** Null until this tab has refreshed via the cookie (after a page load, or a sign-in in another tab). */
  accessToken: string | null;
  /** Epoch milliseconds at which the access token stops being accepted; 0 without one. */
  accessExpiresAt: number;
}

/**
 * Body of login, signup/verify and refresh responses to a request marked `X-Parley-Session: cookie`: the
 * refresh token comes as the `parley_refresh` cookie, not in the body.
 */
export interface AuthResponse {
  user: User;
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/**
 * localStorage key of the marker `{user}`: no secret, only a sign that a cookie session probably exists (so a
 * page load refreshes instead of showing /login) and a way for tabs to follow each other's sign-in and sign-out.
 */
export const SESSION_KEY = 'parley.session';

type Listener = () => void;

/** 'expired': the server no longer accepts the session (refresh refused, session ended elsewhere). */
export type SessionEndReason = 'expired';

export interface SessionStore {
  get(): Session | null;
  /** Keeps the access token in memory and writes the marker (login, verify, refresh). */
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
  /**
   * Re-reads the marker, which another tab may have changed: gone signs this tab out, another user replaces
   * the session (without a token: the cookie is theirs now). Returns the current session.
   */
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
  // A page load knows the user from the marker but has no token yet.
  let current = withoutToken(read(storage));
  // Rewritten at once: an entry from an older version may still hold tokens.
  let persisted = write(storage, current); // false after a failed write: storage then holds an outdated marker
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
      const next = follow(current, read(storage));
      if (next !== current) {
        current = next;
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

/** This tab's session after another tab left `stored` as the marker. */
function follow(current: Session | null, stored: User | null): Session | null {
  if (!stored) return null;
  if (!current || current.user.id !== stored.id) return withoutToken(stored);
  if (JSON.stringify(current.user) === JSON.stringify(stored)) return current;
  return { ...current, user: stored }; // same user, new details (e.g. a display name changed there)
}

function withoutToken(user: User | null): Session | null {
  return user ? { user, accessToken: null, accessExpiresAt: 0 } : null;
}

function read(storage: Storage | null): User | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(SESSION_KEY) ?? 'null');
    const user = (parsed as { user?: unknown } | null)?.user;
    return isUser(user) ? user : null;
  } catch {
    return null; // corrupt entry: treat as signed out
  }
}

function write(storage: Storage | null, session: Session | null): boolean {
  try {
    if (session) storage?.setItem(SESSION_KEY, JSON.stringify({ user: session.user }));
    else storage?.removeItem(SESSION_KEY);
    return true;
  } catch {
    return false; // storage full or blocked: the session still lives in memory for this tab
  }
}

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const u = value as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.username === 'string' && typeof u.displayName === 'string';
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Follows sign-in and sign-out in other tabs (the `storage` event fires only for changes made elsewhere). */
export function followOtherTabs(store: SessionStore, target: EventTarget = window): () => void {
  const onStorage = (event: Event) => {
    const key = (event as StorageEvent).key;
    if (key === SESSION_KEY || key === null) store.reload();
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
}

/** The app's one session store. */
export const sessionStore = createSessionStore();

if (typeof window !== 'undefined') followOtherTabs(sessionStore);

export function useSession(store: SessionStore = sessionStore): Session | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
