import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chatServer, direct, message, serverReplies } from '../../test/chat';
import { blobResponse, fakeXhr, media } from '../../test/media';
import { lists } from '../../test/people';
import { renderApp } from '../../test/renderApp';

const png = (name = 'cat.png', size = 4) => new File(['x'.repeat(size)], name, { type: 'image/png' });
const tray = () => screen.queryByTestId('attachment-tray');
const items = () => screen.queryAllByTestId('attachment-item');
const names = () => items().map((i) => within(i).getByTestId('attachment-name').textContent);
const send = () => screen.getByTestId<HTMLButtonElement>('send');

async function openChat() {
  const xhr = fakeXhr();
  vi.stubGlobal('XMLHttpRequest', function XMLHttpRequest() {
    return xhr.create();
  });
  const app = renderApp(
    '/chats/d-bo',
    {
      ...lists(),
      ...chatServer([direct('bo', { lastSeq: 1 })], { 'd-bo': [message('d-bo', 1, 'bo')] }),
      '/api/media/m1/content?variant=thumbnail': () => blobResponse(),
    },
    { signedIn: true },
  );
  app.socket.reply = serverReplies();
  await waitFor(() => expect(screen.queryAllByTestId('message')).toHaveLength(1));
  return { app, xhr };
}

function attach(...files: File[]) {
  fireEvent.change(screen.getByTestId('attach-input'), { target: { files } });
}

describe('Composer: files', () => {
  it('uploads chosen files at once with progress, and sends them when all are done', async () => {
    const { app, xhr } = await openChat();

    attach(png('cat.png'), new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' }));

    expect(names()).toEqual(['cat.png', 'notes.pdf']);
    expect(items().map((i) => i.dataset.status)).toEqual(['uploading', 'uploading']);
    expect(items().map((i) => i.querySelector('img')?.src ?? null)).toEqual([expect.stringMatching(/^blob:/), null]);
    const [first, second] = [await xhr.next(), await xhr.next()];
    expect(first.body.get('purpose')).toBe('ATTACHMENT');
    expect(first.headers.Authorization).toBe('Bearer A1');
    act(() => first.progress(2, 4));
    expect(within(items()[0]).getByTestId<HTMLProgressElement>('attachment-progress').value).toBe(0.5);
    expect(send().disabled).toBe(true);

    act(() => first.respond(201, media('m1', { name: 'cat.png' })));
    await waitFor(() => expect(items()[0].dataset.status).toBe('done'));
    expect(send().disabled).toBe(true); // the other one still uploads
    act(() => second.respond(201, media('m2', { name: 'notes.pdf', contentType: 'application/pdf' })));
    await waitFor(() => expect(send().disabled).toBe(false));

    fireEvent.click(send());

    expect(app.socket.sentData('message.send')).toMatchObject([
      { conversationId: 'd-bo', text: '', attachmentIds: ['m1', 'm2'] },
    ]);
    expect(tray()).toBeNull();
    const mine = screen.getAllByTestId('message')[1];
    expect(await within(mine).findByTestId('attachment-image')).toBeTruthy();
    expect(within(mine).getByTestId('attachment-file').textContent).toContain('notes.pdf');
    expect(within(mine).queryByTestId('message-text')).toBeNull();
  });

  it('sends text with the files, and text alone while there are none', async () => {
    const { app, xhr } = await openChat();
    fireEvent.change(screen.getByTestId('composer'), { target: { value: 'see this' } });
    expect(send().disabled).toBe(false);

    attach(png());
    expect(send().disabled).toBe(true);
    (await xhr.next()).respond(201, media('m1'));
    await waitFor(() => expect(send().disabled).toBe(false));
    fireEvent.keyDown(screen.getByTestId('composer'), { key: 'Enter' });

    expect(app.socket.sentData('message.send')).toMatchObject([{ text: 'see this', attachmentIds: ['m1'] }]);
  });

  it('deletes an upload that was removed from the message after it finished', async () => {
    const { app, xhr } = await openChat();
    attach(png());
    (await xhr.next()).respond(201, media('m1'));
    await waitFor(() => expect(items()[0].dataset.status).toBe('done'));

    fireEvent.click(within(items()[0]).getByRole('button'));

    expect(tray()).toBeNull();
    await waitFor(() => expect(app.calls()).toContain('DELETE /api/media/m1'));
  });

  it('cancels an upload, aborting its request', async () => {
    const { xhr } = await openChat();
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    attach(png());
    const request = await xhr.next();
    const preview = items()[0].querySelector('img')?.src;

    fireEvent.click(screen.getByRole('button', { name: 'Cancel uploading cat.png' }));

    expect(request.aborted).toBe(true);
    expect(revoke).toHaveBeenCalledWith(preview);
    expect(tray()).toBeNull();
    expect(send().disabled).toBe(true);
  });

  it('shows why an upload failed, refuses a file over 25 MB before sending it, and lets both be removed', async () => {
    const { xhr } = await openChat();
    const huge = new File(['x'], 'movie.mov', { type: 'video/quicktime' });
    Object.defineProperty(huge, 'size', { value: 30 * 1024 * 1024 });

    attach(new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }), huge);
    (await xhr.next()).respond(415, { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'This kind of file cannot be sent.' });

    await waitFor(() => expect(items().map((i) => i.dataset.status)).toEqual(['failed', 'failed']));
    expect(screen.getAllByTestId('attachment-error').map((e) => e.textContent)).toEqual([
      'This kind of file cannot be sent.',
      'A file can be at most 25 MB; this one is 30 MB.',
    ]);
    expect(xhr.requests).toHaveLength(1);
    expect(send().disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove tool.exe' }));
    expect(items()).toHaveLength(1);
  });

  it('takes at most 10 files for one message', async () => {
    await openChat();
    attach(...Array.from({ length: 12 }, (_, i) => png(`p${i}.png`)));
    expect(items()).toHaveLength(10);
    expect(screen.getByTestId('attachment-notice').textContent).toBe('A message can carry at most 10 files.');
  });

  it('takes files dropped on the chat, showing a drop zone while they are dragged over it', async () => {
    const { xhr } = await openChat();
    const window = screen.getByTestId('chat-window');
    const dataTransfer = { types: ['Files'], files: [png('dropped.png')], dropEffect: 'none' };

    fireEvent.dragEnter(window, { dataTransfer });
    expect(screen.getByTestId('drop-zone').textContent).toBe('Drop files to send them');
    fireEvent.dragOver(window, { dataTransfer });
    fireEvent.drop(window, { dataTransfer });

    expect(screen.queryByTestId('drop-zone')).toBeNull();
    expect(names()).toEqual(['dropped.png']);
    expect(((await xhr.next()).body.get('file') as File).name).toBe('dropped.png');
  });

  it('takes images pasted into the message box, and leaves pasted text alone', async () => {
    await openChat();
    const composer = screen.getByTestId('composer');

    fireEvent.paste(composer, { clipboardData: { files: [png('image.png')], getData: () => '' } });
    fireEvent.paste(composer, { clipboardData: { files: [], getData: () => 'hello' } });

    expect(names()).toEqual(['image.png']);
  });
});
