import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chatServer, direct, serverReplies } from '../../test/chat';
import { blobResponse, fakeXhr, media } from '../../test/media';
import { lists } from '../../test/people';
import { renderApp } from '../../test/renderApp';
import { MIC_DENIED, pickAudioType } from './useVoiceRecorder';

/** MediaRecorder as a browser that records Opus in WebM has it; jsdom has none. */
class FakeRecorder {
  static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
  static made: FakeRecorder[] = [];
  state: RecordingState = 'inactive';
  ondataavailable: ((event: { data: Blob }) => void) | null = null;
  onstop: (() => void) | null = null;
  readonly mimeType: string;
  constructor(
    readonly stream: MediaStream,
    options?: MediaRecorderOptions,
  ) {
    this.mimeType = options?.mimeType ?? '';
    FakeRecorder.made.push(this);
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable?.({ data: new Blob(['opus-bytes']) });
    this.onstop?.();
  }
}

function setup(getUserMedia: () => Promise<MediaStream>) {
  const xhr = fakeXhr();
  vi.stubGlobal('XMLHttpRequest', function XMLHttpRequest() {
    return xhr.create();
  });
  FakeRecorder.made = [];
  vi.stubGlobal('MediaRecorder', FakeRecorder);
  Object.defineProperty(navigator, 'mediaDevices', {
    value: { getUserMedia: vi.fn(getUserMedia) },
    configurable: true,
  });
  let clock = 1_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => clock);
  const app = renderApp(
    '/chats/d-bo',
    {
      ...lists(),
      ...chatServer([direct('bo')], { 'd-bo': [] }),
      '/api/media/v1/content': () => blobResponse('opus', 'audio/webm'),
    },
    { signedIn: true },
  );
  app.socket.reply = serverReplies();
  return { app, xhr, tick: (ms: number) => (clock += ms) };
}

const microphone = () => {
  const track = { stop: vi.fn() };
  return { track, stream: { getTracks: () => [track] } as unknown as MediaStream };
};

describe('Voice messages', () => {
  it('records with a timer, then uploads the recording with its duration and sends it as its own message', async () => {
    const { track, stream } = microphone();
    const { app, xhr, tick } = setup(async () => stream);
    fireEvent.click(await screen.findByTestId('record-voice'));

    expect((await screen.findByTestId('record-timer')).textContent).toBe('0:00');
    expect(FakeRecorder.made[0].mimeType).toBe('audio/webm;codecs=opus');
    tick(7_400);
    await waitFor(() => expect(screen.getByTestId('record-timer').textContent).toBe('0:07'));

    fireEvent.click(screen.getByTestId('record-stop'));
    const upload = await xhr.next();
    expect(upload.body.get('purpose')).toBe('ATTACHMENT');
    expect(upload.body.get('durationSeconds')).toBe('7');
    const file = upload.body.get('file') as File;
    expect([file.name, file.type]).toEqual(['voice-message.webm', 'audio/webm']);
    expect(track.stop).toHaveBeenCalled();
    expect((await screen.findByTestId('voice-sending')).textContent).toContain('Sending voice message');

    const stored = media('v1', { contentType: 'audio/webm', thumbnailUrl: null, durationSeconds: 7 });
    act(() => upload.respond(201, stored));

    await waitFor(() => expect(app.socket.sentData('message.send')).toHaveLength(1));
    expect(app.socket.sentData('message.send')[0]).toMatchObject({ text: '', attachmentIds: ['v1'] });
    const note = await within(screen.getByTestId('message')).findByTestId('attachment-audio');
    expect(note.closest('figure')?.textContent).toContain('Voice message · 0:07');
    expect(screen.getByTestId('record-voice')).toBeTruthy();
  });

  it('says clearly when the microphone is not allowed', async () => {
    const { xhr } = setup(async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    fireEvent.click(await screen.findByTestId('record-voice'));

    expect((await screen.findByTestId('voice-error')).textContent).toBe(MIC_DENIED);
    expect(screen.queryByTestId('record-timer')).toBeNull();
    expect(xhr.requests).toHaveLength(0);
  });

  it('drops a cancelled recording and frees the microphone', async () => {
    const { track, stream } = microphone();
    const { app, xhr } = setup(async () => stream);
    fireEvent.click(await screen.findByTestId('record-voice'));
    await screen.findByTestId('record-timer');

    fireEvent.click(screen.getByTestId('record-cancel'));

    expect(track.stop).toHaveBeenCalled();
    expect(screen.queryByTestId('record-timer')).toBeNull();
    expect(xhr.requests).toHaveLength(0);
    expect(app.socket.sentData('message.send')).toEqual([]);
  });

  it('records Opus in WebM where it can, else what the browser offers', () => {
    expect(pickAudioType(() => true)).toBe('audio/webm;codecs=opus');
    expect(pickAudioType((type) => type === 'audio/mp4')).toBe('audio/mp4');
    expect(pickAudioType(() => false)).toBeUndefined();
  });
});
