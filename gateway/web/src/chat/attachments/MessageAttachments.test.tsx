import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chatServer, direct, message } from '../../test/chat';
import { problem } from '../../test/helpers';
import { attachment, blobResponse } from '../../test/media';
import { lists } from '../../test/people';
import { renderApp, type Server } from '../../test/renderApp';
import type { Message } from '../store/types';

const bubble = (id: string) => screen.getAllByTestId('message').find((b) => b.dataset.messageId === id) as HTMLElement;

async function openChat(messages: Message[], files: Server = {}) {
  const conversation = direct('bo', { lastSeq: messages.length });
  const app = renderApp(
    '/chats/d-bo',
    { ...lists(), ...chatServer([conversation], { 'd-bo': messages }), ...files },
    { signedIn: true },
  );
  await waitFor(() => expect(screen.queryAllByTestId('message')).toHaveLength(messages.length));
  return app;
}

describe('Attachments in messages', () => {
  it('shows an image’s thumbnail in a box of its proportions, and the full image in a lightbox', async () => {
    const image = attachment('a1', { width: 1600, height: 800, name: 'beach.jpg', contentType: 'image/jpeg' });
    const app = await openChat([message('d-bo', 1, 'bo', { text: '', attachments: [image] })], {
      [image.thumbnailUrl as string]: () => blobResponse('thumb'),
      [image.url]: () => blobResponse('full'),
    });

    const thumbnail = await within(bubble('m1')).findByTestId<HTMLImageElement>('attachment-image');
    expect(thumbnail.src).toMatch(/^blob:/);
    expect(thumbnail.alt).toBe('beach.jpg');
    const frame = thumbnail.parentElement as HTMLElement;
    expect([frame.style.width, frame.style.aspectRatio]).toEqual(['280px', '1600 / 800']);
    expect(app.bearers(image.thumbnailUrl as string)).toEqual(['Bearer A1']);
    expect(within(bubble('m1')).queryByTestId('message-text')).toBeNull();
    expect(app.calls()).not.toContain(`GET ${image.url}`);

    fireEvent.click(screen.getByRole('button', { name: 'Open beach.jpg' }));
    const lightbox = screen.getByTestId('lightbox');
    const full = await within(lightbox).findByTestId<HTMLImageElement>('lightbox-image');
    expect(full.src).toMatch(/^blob:/);
    expect(full.src).not.toBe(thumbnail.src);
    expect(app.bearers(image.url)).toEqual(['Bearer A1']);

    fireEvent.keyDown(lightbox, { key: 'Escape' });
    expect(screen.queryByTestId('lightbox')).toBeNull();
  });

  it('plays video and audio inline, a recorded sound as a voice note with its duration', async () => {
    const video = attachment('v1', { contentType: 'video/mp4', thumbnailUrl: null, name: 'clip.mp4' });
    const song = attachment('s1', { contentType: 'audio/mpeg', thumbnailUrl: null, name: 'song.mp3' });
    const voice = attachment('r1', { contentType: 'audio/webm', thumbnailUrl: null, durationSeconds: 67 });
    await openChat([message('d-bo', 1, 'bo', { text: 'look', attachments: [video, song, voice] })], {
      [video.url]: () => blobResponse('v', 'video/mp4'),
      [song.url]: () => blobResponse('s', 'audio/mpeg'),
      [voice.url]: () => blobResponse('r', 'audio/webm'),
    });

    const player = await within(bubble('m1')).findByTestId<HTMLVideoElement>('attachment-video');
    expect(player.src).toMatch(/^blob:/);
    expect(player.controls).toBe(true);
    await waitFor(() => expect(within(bubble('m1')).getAllByTestId('attachment-audio')).toHaveLength(2));
    const [songPlayer, voicePlayer] = within(bubble('m1')).getAllByTestId<HTMLAudioElement>('attachment-audio');
    expect(songPlayer.closest('figure')?.textContent).toContain('song.mp3');
    expect(voicePlayer.closest('figure')?.textContent).toContain('Voice message · 1:07');
    expect(voicePlayer.controls).toBe(true);
    expect(within(bubble('m1')).getByTestId('message-text').textContent).toBe('look');
  });

  it('shows other files as a card with a safe name and size, downloaded with the token under that name', async () => {
    const pdf = attachment('f1', {
      contentType: 'application/pdf',
      thumbnailUrl: null,
      name: '../../etc/report\u202Efdp.exe',
      size: 1536,
    });
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const app = await openChat([message('d-bo', 1, 'bo', { text: '', attachments: [pdf] })], {
      [pdf.url]: () => blobResponse('%PDF', 'application/pdf'),
    });

    const card = within(bubble('m1')).getByTestId('attachment-file');
    expect(within(card).getByTestId('attachment-name').textContent).toBe('reportfdp.exe');
    expect(card.textContent).toContain('1.5 KB');
    expect(within(card).getByRole('img', { name: 'PDF document' })).toBeTruthy();
    expect(app.calls()).not.toContain(`GET ${pdf.url}`); // nothing fetched until asked

    fireEvent.click(within(card).getByTestId('attachment-download'));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].href).toMatch(/^blob:/);
    expect(clicked[0].download).toBe('reportfdp.exe');
    expect(app.bearers(pdf.url)).toEqual(['Bearer A1']);
  });

  it('says a file that was deleted or is no longer shared is no longer available', async () => {
    const image = attachment('a1');
    await openChat([message('d-bo', 1, 'bo', { attachments: [image] })], {
      [image.thumbnailUrl as string]: () => problem(404, 'MEDIA_NOT_FOUND', 'No such file'),
    });

    expect((await within(bubble('m1')).findByTestId('attachment-unavailable')).textContent).toBe(
      'This image is no longer available.',
    );
    expect(within(bubble('m1')).queryByTestId('attachment-image')).toBeNull();
  });

  it('shows the image itself when its thumbnail cannot be had', async () => {
    const image = attachment('a1');
    const app = await openChat([message('d-bo', 1, 'bo', { attachments: [image] })], {
      [image.thumbnailUrl as string]: () => problem(404, 'MEDIA_NOT_FOUND', 'No thumbnail'),
      [image.url]: () => blobResponse('full'),
    });

    expect((await within(bubble('m1')).findByTestId<HTMLImageElement>('attachment-image')).src).toMatch(/^blob:/);
    expect(app.bearers(image.url)).toEqual(['Bearer A1']);
  });

  it('shows no files on a message deleted for everyone', async () => {
    await openChat([message('d-bo', 1, 'bo', { deleted: true, text: '', attachments: [] })]);
    expect(within(bubble('m1')).getByTestId('message-text').textContent).toBe('Message deleted');
    expect(within(bubble('m1')).queryByRole('list', { name: 'Attachments' })).toBeNull();
  });
});
