import { useEffect, useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { button, cx, text } from '../../ui/styles/classes';
import { AttachmentTray } from '../compose/AttachmentTray';
import type { UploadTray } from '../compose/useUploadTray';
import { VoiceRecorder } from '../compose/VoiceRecorder';
import { useChatStore } from '../store/ChatProvider';
import { cleanText, MAX_MESSAGE_LENGTH } from '../store/chatStore';
import { createTypingSender } from './typingSender';
import styles from './Composer.module.css';

/** The counter shows from this many characters on. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;
const MAX_ROWS = 8;

/** Images pasted from the clipboard (a screenshot, a copied picture). */
function pastedImages(event: ClipboardEvent): File[] {
  return Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
}

/**
 * Enter sends, Shift+Enter starts a new line; the text is trimmed and at most 4,000 characters. Files (attached,
 * dropped on the chat or pasted) upload at once into the tray; Send waits for them, and sends text, files or both.
 */
export function Composer({ conversationId, tray }: { conversationId: string; tray: UploadTray }) {
  const store = useChatStore();
  const [draft, setDraft] = useState('');
  const counterId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const typing = useMemo(
    () => createTypingSender((active) => store.typing(conversationId, active)),
    [store, conversationId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const length = cleanText(draft).length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = (length > 0 || tray.ready.length > 0) && !tooLong && !tray.uploading;

  function send() {
    if (!canSend) return;
    store.send(conversationId, draft, tray.ready);
    setDraft('');
    tray.clear();
    typing.stop();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  return (
    <form
      className={styles.composer}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <AttachmentTray tray={tray} />
      <div className={styles.row}>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(event) => {
            tray.add(Array.from(event.target.files ?? []));
            event.target.value = ''; // the same file may be chosen again
          }}
        />
        <button
          type="button"
          className={button('icon')}
          data-testid="attach"
          aria-label="Attach files"
          onClick={() => fileInput.current?.click()}
        >
          <span aria-hidden="true">📎</span>
        </button>
        <label className={text.visuallyHidden} htmlFor={`${counterId}-input`}>
          Message
        </label>
        <textarea
          id={`${counterId}-input`}
          data-testid="composer"
          className={styles.input}
          placeholder="Write a message…"
          rows={Math.min(MAX_ROWS, draft.split('\n').length)}
          value={draft}
          aria-invalid={tooLong || undefined}
          aria-describedby={length >= COUNTER_FROM ? counterId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            typing.input(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onPaste={(event) => {
            const images = pastedImages(event);
            if (images.length === 0) return;
            event.preventDefault();
            tray.add(images);
          }}
        />
        {length >= COUNTER_FROM && (
          <span id={counterId} className={cx(styles.counter, tooLong && styles.over)} data-testid="composer-counter">
            {length} / {MAX_MESSAGE_LENGTH}
          </span>
        )}
        <VoiceRecorder conversationId={conversationId} />
        <button type="submit" className={button('primary')} data-testid="send" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
