import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { deferred } from '../test/helpers';
import { createMediaCache, type MediaCacheOptions } from './mediaCache';

const url = (n: number) => `/api/media/m${n}/content`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: Partial<MediaCacheOptions> = {}) {
  let made = 0;
  const revoked: string[] = [];
  const fetchBlob = vi.fn(async (u: string) => new Blob([u.length > 0 ? 'x'.repeat(10) : '']));
  const cache = createMediaCache({
    fetchBlob,
    createObjectURL: () => `blob:${++made}`,
    revokeObjectURL: (src) => revoked.push(src),
    ...options,
  });
  return { cache, fetchBlob: options.fetchBlob ?? fetchBlob, revoked };
}

describe('media cache', () => {
  it('fetches a URL once for all its subscribers and tells them when it is ready', async () => {
    const { cache, fetchBlob } = setup();
    const a = vi.fn();
    const b = vi.fn();

    cache.subscribe(url(1), a);
    cache.subscribe(url(1), b);
    expect(cache.peek(url(1))).toEqual({ status: 'loading' });
    await settle();

    expect(fetchBlob).toHaveBeenCalledTimes(1);
    expect(cache.peek(url(1))).toEqual({ status: 'ready', src: 'blob:1', bytes: 10 });
    expect([a.mock.calls.length, b.mock.calls.length]).toEqual([1, 1]);
    expect(await cache.load(url(1))).toBe('blob:1');
  });

  it('evicts the least recently used beyond the count, revoking its object URL, but never one on screen', async () => {
    const { cache, revoked } = setup({ maxEntries: 2 });
    const shown = cache.subscribe(url(1), () => undefined);
    cache.subscribe(url(2), () => undefined)();
    await settle();
    cache.subscribe(url(3), () => undefined)();
    await settle();

    expect(cache.peek(url(1))?.status).toBe('ready'); // still shown, though the oldest
    expect(cache.peek(url(2))).toBeUndefined();
    expect(revoked).toEqual(['blob:2']);

    shown();
    cache.subscribe(url(4), () => undefined)();
    await settle();
    expect(cache.peek(url(1))).toBeUndefined();
    expect(revoked).toEqual(['blob:2', 'blob:1']);
  });

  it('keeps the byte budget', async () => {
    const { cache, revoked } = setup({ maxBytes: 25 });
    for (const n of [1, 2, 3]) {
      cache.subscribe(url(n), () => undefined)();
      await settle();
    }
    expect(revoked).toEqual(['blob:1']);
    expect(cache.peek(url(3))?.status).toBe('ready');
  });

  it('marks 404 and 403 unavailable, other failures failed, and asks again once no one shows them', async () => {
    const fetchBlob = vi.fn(async (u: string) => {
      throw u === url(1) ? new ApiError(404, 'MEDIA_NOT_FOUND', 'gone') : ApiError.network(null);
    });
    const { cache } = setup({ fetchBlob });
    const off = cache.subscribe(url(1), () => undefined);
    cache.subscribe(url(2), () => undefined);
    await settle();

    expect(cache.peek(url(1))).toEqual({ status: 'error', failure: 'unavailable' });
    expect(cache.peek(url(2))).toEqual({ status: 'error', failure: 'failed' });
    off();
    expect(cache.peek(url(1))).toBeUndefined();
  });

  it('never fetches a URL outside /api/media/ (it would get the token)', async () => {
    const { cache, fetchBlob } = setup();
    cache.subscribe('https://evil.example/x.png', () => undefined);
    await settle();
    expect(fetchBlob).not.toHaveBeenCalled();
    expect(cache.peek('https://evil.example/x.png')).toEqual({ status: 'error', failure: 'failed' });
  });

  it('drops what arrives after a clear, and revokes what it held', async () => {
    const late = deferred<Blob>();
    const { cache, revoked } = setup({ fetchBlob: (u) => (u === url(2) ? late.promise : Promise.resolve(new Blob())) });
    cache.subscribe(url(1), () => undefined);
    cache.subscribe(url(2), () => undefined);
    await settle();

    cache.clear();
    late.resolve(new Blob(['x']));
    await settle();

    expect(revoked).toEqual(['blob:1']);
    expect(cache.peek(url(2))).toBeUndefined();
  });
});
