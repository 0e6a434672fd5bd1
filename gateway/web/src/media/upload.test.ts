import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { fakeXhr, media } from '../test/media';
import { createUploader, isAbort } from './upload';

const file = (size = 3, name = 'cat.png', type = 'image/png') => new File(['x'.repeat(size)], name, { type });

function setup(tokens: (string | null)[] = ['A1', 'A2']) {
  const xhr = fakeXhr();
  let next = 0;
  const accessToken = vi.fn(async (force?: boolean) => (force ? tokens[++next] : tokens[next]) ?? null);
  const upload = createUploader({ accessToken }, { newRequest: xhr.create });
  return { xhr, accessToken, upload };
}

describe('uploadMedia', () => {
  it('posts purpose, duration and file in that order with the bearer token, and reports progress', async () => {
    const { xhr, upload } = setup();
    const progress: number[] = [];

    const done = upload(file(), 'ATTACHMENT', { durationSeconds: 4.6, onProgress: (f) => progress.push(f) });
    const request = await xhr.next();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/media');
    expect(request.headers.Authorization).toBe('Bearer A1');
    expect([...request.body.keys()]).toEqual(['purpose', 'durationSeconds', 'file']);
    expect(request.body.get('purpose')).toBe('ATTACHMENT');
    expect(request.body.get('durationSeconds')).toBe('5');
    expect((request.body.get('file') as File).name).toBe('cat.png');

    request.progress(1, 4);
    request.progress(4, 4);
    request.respond(201, media('m1'));

    expect(await done).toMatchObject({ id: 'm1', url: '/api/media/m1/content' });
    expect(progress).toEqual([0.25, 1]);
  });

  it('leaves out durationSeconds when there is none', async () => {
    const { xhr, upload } = setup();
    const done = upload(file(), 'AVATAR');
    const request = await xhr.next();
    expect([...request.body.keys()]).toEqual(['purpose', 'file']);
    request.respond(201, media('m1'));
    await done;
  });

  it('tries once more with a fresh token after a 401', async () => {
    const { xhr, upload, accessToken } = setup();
    const done = upload(file(), 'ATTACHMENT');
    (await xhr.next()).respond(401, { code: 'UNAUTHENTICATED', detail: 'Token expired' });
    const again = await xhr.next();
    expect(again.headers.Authorization).toBe('Bearer A2');
    again.respond(201, media('m2'));

    expect((await done).id).toBe('m2');
    expect(accessToken).toHaveBeenLastCalledWith(true);
  });

  it('gives the problem as an ApiError with its code and detail', async () => {
    const { xhr, upload } = setup();
    const done = upload(file(), 'ATTACHMENT');
    (await xhr.next()).respond(415, {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Files of type application/x-msdownload cannot be sent.',
    });

    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((error as ApiError).detail).toBe('Files of type application/x-msdownload cannot be sent.');
  });

  it('refuses a file over the limit before sending anything', async () => {
    const { xhr, upload } = setup();
    const big = { name: 'big.mov', size: 26 * 1024 * 1024, type: 'video/quicktime' } as File;

    const error = await upload(big, 'ATTACHMENT').catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
    expect((error as ApiError).detail).toBe('A file can be at most 25 MB; this one is 26 MB.');
    expect(xhr.requests).toHaveLength(0);
    const avatar = await upload({ ...big, size: 6 * 1024 * 1024 }, 'AVATAR').catch((e: unknown) => e);
    expect((avatar as ApiError).detail).toBe('A profile photo can be at most 5 MB; this one is 6 MB.');
  });

  it('aborts the request when the signal fires', async () => {
    const { xhr, upload } = setup();
    const controller = new AbortController();
    const done = upload(file(), 'ATTACHMENT', { signal: controller.signal });
    const request = await xhr.next();

    controller.abort();

    expect(request.aborted).toBe(true);
    expect(isAbort(await done.catch((e: unknown) => e))).toBe(true);
  });

  it('fails as a network error when the connection drops', async () => {
    const { xhr, upload } = setup();
    const done = upload(file(), 'ATTACHMENT');
    (await xhr.next()).fail();
    expect(await done.catch((e: unknown) => e)).toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
