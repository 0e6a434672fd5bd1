import { describe, expect, it, vi } from 'vitest';
import { ADA, auth, memoryStorage, storeMarker } from '../test/helpers';
import { createSessionStore, followOtherTabs, SESSION_KEY } from './session';

const GRACE = { id: 'u2', username: 'grace', displayName: 'Grace Hopper' };
const marker = (storage: Storage) => JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as unknown;

describe('session store', () => {
  it('keeps the access token in memory and only the user in storage', () => {
    const storage = memoryStorage();
    const store = createSessionStore({ storage, now: () => 1_000 });

    store.signIn(auth('A1', 900));

    expect(store.get()).toEqual({ user: ADA, accessToken: 'A1', accessExpiresAt: 901_000 });
    expect(marker(storage)).toEqual({ user: ADA });
  });

  it('starts from the marker without a token, and rewrites an older entry that held tokens', () => {
    const storage = memoryStorage();
    storage.setItem(
      SESSION_KEY,
      JSON.stringify({ user: ADA, accessToken: 'A0', refreshToken: 'R0', accessExpiresAt: 5 }),
    );

    const store = createSessionStore({ storage });

    expect(store.get()).toEqual({ user: ADA, accessToken: null, accessExpiresAt: 0 });
    expect(storage.getItem(SESSION_KEY)).toBe(JSON.stringify({ user: ADA }));
  });

  it('follows another tab: sign-out, a new display name, a sign-in as someone else', () => {
    const storage = memoryStorage();
    const store = createSessionStore({ storage });
    store.signIn(auth('A1'));
    const other = createSessionStore({ storage }); // a tab opened after the sign-in
    const changed = vi.fn();
    store.subscribe(changed);

    other.updateUser({ displayName: 'Countess Ada' });
    expect(store.reload()).toMatchObject({ accessToken: 'A1', user: { displayName: 'Countess Ada' } });

    storage.setItem(SESSION_KEY, JSON.stringify({ user: GRACE }));
    expect(store.reload()).toEqual({ user: GRACE, accessToken: null, accessExpiresAt: 0 });

    other.clear();
    expect(store.reload()).toBeNull();
    expect(store.endReason()).toBeNull();
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('reloads on a storage event for its key or a cleared storage, and stops when unbound', () => {
    const storage = memoryStorage();
    storeMarker(storage);
    const store = createSessionStore({ storage });
    const tabs = new EventTarget();
    const unbind = followOtherTabs(store, tabs);

    storage.removeItem(SESSION_KEY);
    tabs.dispatchEvent(new StorageEvent('storage', { key: 'parley.outbox.u1' }));
    expect(store.get()).not.toBeNull();
    tabs.dispatchEvent(new StorageEvent('storage', { key: SESSION_KEY }));
    expect(store.get()).toBeNull();

    storeMarker(storage);
    unbind();
    tabs.dispatchEvent(new StorageEvent('storage', { key: null }));
    expect(store.get()).toBeNull();
  });
});
