/** What is typed in a chat's composer and not sent survives a reload, per signed-in user (like the outbox). */
export const draftsKey = (userId: string) => `parley.drafts.${userId}`;

/** How long typing pauses before the drafts are written: not a storage write per key press. */
export const DRAFT_SAVE_MS = 300;

/** conversation id -> the text typed there (never blank). */
export type Drafts = Record<string, string>;

export function loadDrafts(storage: Storage | null, userId: string): Drafts {
  try {
    const raw = storage?.getItem(draftsKey(userId));
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''),
    );
  } catch {
    return {};
  }
}

export function saveDrafts(storage: Storage | null, userId: string, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) storage?.removeItem(draftsKey(userId));
    else storage?.setItem(draftsKey(userId), JSON.stringify(drafts));
  } catch {
    // Storage full or disabled: the drafts stay for this page, they just won't survive a reload.
  }
}
