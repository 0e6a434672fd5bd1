import { useCallback, useEffect, useRef, useState } from 'react';

/** Opus in WebM first (Chrome, Firefox), then what else the browser records (Safari: MP4). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/mpeg'];

export function pickAudioType(isSupported: (type: string) => boolean): string | undefined {
  return TYPES.find((type) => {
    try {
      return isSupported(type);
    } catch {
      return false;
    }
  });
}

export interface Recording {
  file: File;
  durationSeconds: number;
}

export type RecorderState = { phase: 'idle' } | { phase: 'starting' } | { phase: 'recording'; startedAt: number };

export const MIC_DENIED =
  'Parley may not use your microphone. Allow it in your browser’s site settings, then try again.';
export const MIC_MISSING = 'No microphone was found. Connect one and try again.';
export const MIC_UNSUPPORTED = 'This browser cannot record voice messages.';
export const MIC_FAILED = 'The microphone could not be started. Try again.';

function micError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return MIC_DENIED;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return MIC_MISSING;
  return MIC_FAILED;
}

const EXTENSIONS: Record<string, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a' };

interface Session {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  type: string;
  startedAt: number;
}

/** A voice message from the microphone, with MediaRecorder: start, then stop (to send) or cancel. */
export function useVoiceRecorder() {
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const session = useRef<Session | null>(null);

  const release = useCallback(() => {
    session.current?.stream.getTracks().forEach((track) => track.stop());
    session.current = null;
    setState({ phase: 'idle' });
  }, []);

  const start = useCallback(async () => {
    setError(null);
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setError(MIC_UNSUPPORTED);
      return;
    }
    setState({ phase: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      setState({ phase: 'idle' });
      setError(micError(e));
      return;
    }
    try {
      const mimeType = pickAudioType((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      const startedAt = Date.now();
      session.current = { recorder, stream, chunks, type: recorder.mimeType || mimeType || 'audio/webm', startedAt };
      recorder.start();
      setState({ phase: 'recording', startedAt });
    } catch (e) {
      stream.getTracks().forEach((track) => track.stop());
      setState({ phase: 'idle' });
      setError(micError(e));
    }
  }, []);

  /** Ends the recording and gives it as a file (null when there was none). */
  const stop = useCallback(
    () =>
      new Promise<Recording | null>((resolve) => {
        const current = session.current;
        if (!current) return resolve(null);
        const durationSeconds = Math.max(1, Math.round((Date.now() - current.startedAt) / 1000));
        current.recorder.onstop = () => {
          const type = current.type.split(';')[0].trim();
          const blob = new Blob(current.chunks, { type });
          const name = `voice-message.${EXTENSIONS[type] ?? 'webm'}`;
          release();
          resolve(blob.size > 0 ? { file: new File([blob], name, { type }), durationSeconds } : null);
        };
        current.recorder.stop();
      }),
    [release],
  );

  const cancel = useCallback(() => {
    const current = session.current;
    if (!current) return;
    current.recorder.onstop = null;
    if (current.recorder.state !== 'inactive') current.recorder.stop();
    release();
  }, [release]);

  // Leaving the chat mid-recording drops it and frees the microphone.
  useEffect(
    () => () => {
      const current = session.current;
      if (!current) return;
      current.recorder.onstop = null;
      if (current.recorder.state !== 'inactive') current.recorder.stop();
      current.stream.getTracks().forEach((track) => track.stop());
    },
    [],
  );

  return { state, error, start, stop, cancel, clearError: useCallback(() => setError(null), []) };
}
