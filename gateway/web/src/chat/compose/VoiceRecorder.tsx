import { useEffect, useState } from 'react';
import { messageFor } from '../../api/messages';
import { formatDuration } from '../../media/format';
import { useMedia } from '../../media/MediaProvider';
import { toAttachment } from '../../media/types';
import { button, cx, text } from '../../ui/styles/classes';
import { useChatStore } from '../store/ChatProvider';
import { useVoiceRecorder } from './useVoiceRecorder';
import styles from './VoiceRecorder.module.css';

function useElapsed(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
}

/**
 * The microphone button, then while recording a timer with Cancel and Send; the recording is uploaded with its
 * duration and sent as a message of its own.
 */
export function VoiceRecorder({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const { uploadMedia } = useMedia();
  const voice = useVoiceRecorder();
  const [sending, setSending] = useState<number | null>(null); // upload progress while sending
  const [failure, setFailure] = useState<string | null>(null);
  const startedAt = voice.state.phase === 'recording' ? voice.state.startedAt : null;
  const elapsed = useElapsed(startedAt);
  const error = voice.error ?? failure;

  async function send() {
    const recording = await voice.stop();
    if (!recording) return;
    setSending(0);
    try {
      const media = await uploadMedia(recording.file, 'ATTACHMENT', {
        durationSeconds: recording.durationSeconds,
        onProgress: setSending,
      });
      // The stored duration, or ours when the server did not keep one.
      const attachment = {
        ...toAttachment(media),
        durationSeconds: media.durationSeconds ?? recording.durationSeconds,
      };
      store.send(conversationId, '', [attachment]);
    } catch (e) {
      setFailure(`The voice message was not sent. ${messageFor(e)}`);
    } finally {
      setSending(null);
    }
  }

  return (
    <div className={styles.voice}>
      {startedAt !== null ? (
        <div className={styles.recording} role="group" aria-label="Recording a voice message">
          <span className={styles.dot} aria-hidden="true" />
          <span className={styles.timer} data-testid="record-timer" aria-live="off">
            {formatDuration(elapsed)}
          </span>
          <button type="button" className={button('small')} data-testid="record-cancel" onClick={voice.cancel}>
            Cancel
          </button>
          <button
            type="button"
            className={button('small', 'primary')}
            data-testid="record-stop"
            onClick={() => void send()}
          >
            Send voice
          </button>
        </div>
      ) : sending !== null ? (
        <span className={cx(text.small, text.muted)} role="status" data-testid="voice-sending">
          Sending voice message… {Math.round(sending * 100)}%
        </span>
      ) : (
        <button
          type="button"
          className={button('icon')}
          data-testid="record-voice"
          aria-label="Record a voice message"
          disabled={voice.state.phase === 'starting'}
          onClick={() => {
            setFailure(null);
            void voice.start();
          }}
        >
          <span aria-hidden="true">🎤</span>
        </button>
      )}
      {error && (
        <p className={cx(text.small, styles.error)} role="alert" data-testid="voice-error">
          {error}
        </p>
      )}
    </div>
  );
}
