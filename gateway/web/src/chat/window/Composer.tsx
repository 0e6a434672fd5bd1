import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { button, cx, text } from '../../ui/styles/classes';
import { useChatStore } from '../store/ChatProvider';
import { cleanText, MAX_MESSAGE_LENGTH } from '../store/chatStore';
import { createTypingSender } from './typingSender';
import styles from './Composer.module.css';

/** The counter shows from this many characters on. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;
const MAX_ROWS = 8;

/** Enter sends, Shift+Enter starts a new line; the text is trimmed and at most 4,000 characters. */
export function Composer({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const [draft, setDraft] = useState('');
  const counterId = useId();
  const typing = useMemo(
    () => createTypingSender((active) => store.typing(conversationId, active)),
    [store, conversationId],
  );
  useEffect(() => () => typing.stop(), [typing]);

  const length = cleanText(draft).length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = length > 0 && !tooLong;

  function send() {
    if (!canSend) return;
    store.send(conversationId, draft);
    setDraft('');
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
      />
      {length >= COUNTER_FROM && (
        <span id={counterId} className={cx(styles.counter, tooLong && styles.over)} data-testid="composer-counter">
          {length} / {MAX_MESSAGE_LENGTH}
        </span>
      )}
      <button type="submit" className={button('primary')} data-testid="send" disabled={!canSend}>
        Send
      </button>
    </form>
  );
}
