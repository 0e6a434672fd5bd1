import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json } from '../../test/helpers';
import { blobResponse, fakeXhr, media } from '../../test/media';
import { lists } from '../../test/people';
import { renderApp } from '../../test/renderApp';
import { AVATAR_SIZE } from './cropImage';

const ME = { id: 'u1', username: 'ada', displayName: 'Ada Lovelace', email: 'ada@example.com', bio: null };
const NEW_URL = '/api/media/p1/content?variant=avatar';

function setup(avatarUrl: string | null = null) {
  const xhr = fakeXhr();
  vi.stubGlobal('XMLHttpRequest', function XMLHttpRequest() {
    return xhr.create();
  });
  const drawn: unknown[][] = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    () =>
      ({
        fillRect: () => undefined,
        drawImage: (...args: unknown[]) => drawn.push(args),
      }) as unknown as CanvasRenderingContext2D,
  );
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, done) {
    done(new Blob([`jpeg ${this.width}x${this.height}`], { type: 'image/jpeg' }));
  });
  const profile = { ...ME, avatarMediaId: avatarUrl ? 'p0' : null, avatarUrl };
  const app = renderApp(
    '/settings',
    {
      ...lists(),
      'GET /api/users/me': () => json(200, profile),
      'PATCH /api/users/me': (body) => {
        const id = (body as { avatarMediaId: string | null }).avatarMediaId;
        return json(200, { ...profile, avatarMediaId: id, avatarUrl: id ? NEW_URL : null });
      },
      [NEW_URL]: () => blobResponse('new'),
      '/api/media/p0/content?variant=avatar': () => blobResponse('old'),
    },
    { signedIn: true },
  );
  return { app, xhr, drawn };
}

/** jsdom decodes no pictures: the test says what size the chosen one has. */
function loadPicture(width: number, height: number) {
  const image = screen.getByTestId<HTMLImageElement>('avatar-crop-image');
  Object.defineProperty(image, 'naturalWidth', { value: width });
  Object.defineProperty(image, 'naturalHeight', { value: height });
  fireEvent.load(image);
}

const form = () => screen.getByTestId('avatar-form');

describe('Settings: photo', () => {
  it('crops the chosen picture to a 512 px square JPEG, uploads it as AVATAR and sets it, shown at once', async () => {
    const { app, xhr, drawn } = setup();
    const picture = new File(['png'], 'me.png', { type: 'image/png' });

    fireEvent.change(screen.getByTestId('avatar-input'), { target: { files: [picture] } });
    expect(screen.getByTestId<HTMLButtonElement>('avatar-save').disabled).toBe(true);
    loadPicture(1200, 800);
    fireEvent.change(screen.getByTestId('avatar-zoom'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('avatar-save'));

    const upload = await xhr.next();
    expect(upload.body.get('purpose')).toBe('AVATAR');
    const file = upload.body.get('file') as File;
    expect([file.name, file.type]).toEqual(['avatar.jpg', 'image/jpeg']);
    expect(await file.text()).toBe(`jpeg ${AVATAR_SIZE}x${AVATAR_SIZE}`);
    // The centered square at zoom 2: half the short side, in the middle of the picture.
    expect(drawn[0].slice(1)).toEqual([400, 200, 400, 400, 0, 0, AVATAR_SIZE, AVATAR_SIZE]);

    act(() => upload.respond(201, media('p1', { purpose: 'AVATAR', contentType: 'image/jpeg' })));

    await waitFor(() => expect(app.bodies('/api/users/me')).toContainEqual({ avatarMediaId: 'p1' }));
    const image = await within(form()).findByTestId<HTMLImageElement>('avatar-image');
    expect(image.src).toMatch(/^blob:/);
    expect(app.session.get()?.user.avatarUrl).toBe(NEW_URL);
    expect(within(screen.getByTestId('current-user')).getByTestId('avatar-image')).toBeTruthy();
    expect(screen.queryByTestId('avatar-save')).toBeNull();
  });

  it('removes the photo, falling back to the initials', async () => {
    const { app } = setup('/api/media/p0/content?variant=avatar');
    fireEvent.click(await screen.findByTestId('avatar-remove'));

    await waitFor(() => expect(app.bodies('/api/users/me')).toContainEqual({ avatarMediaId: '' }));
    await waitFor(() => expect(within(form()).queryByTestId('avatar-image')).toBeNull());
    expect(within(form()).getByTestId('avatar').textContent).toBe('AL');
    expect(app.session.get()?.user.avatarUrl).toBeNull();
  });

  it('refuses a file that is not a picture', () => {
    setup();
    const text = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('avatar-input'), { target: { files: [text] } });
    expect(screen.getByTestId('avatar-error').textContent).toBe('Choose an image file (JPEG, PNG, WebP or GIF).');
    expect(screen.queryByTestId('avatar-crop')).toBeNull();
  });

  it('shows why the upload was refused', async () => {
    const { xhr } = setup();
    fireEvent.change(screen.getByTestId('avatar-input'), {
      target: { files: [new File(['png'], 'me.png', { type: 'image/png' })] },
    });
    loadPicture(600, 600);
    fireEvent.click(screen.getByTestId('avatar-save'));
    act(() => void xhr.next().then((r) => r.respond(413, { code: 'QUOTA_EXCEEDED', detail: 'Your storage is full.' })));

    expect((await screen.findByTestId('avatar-error')).textContent).toBe('Your storage is full.');
    expect(screen.getByTestId('avatar-save')).toBeTruthy();
  });
});
