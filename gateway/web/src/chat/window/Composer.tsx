import {
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { messageFor } from '../../api/messages';
import { button, cx, text } from '../../ui/styles/classes';
import { AttachmentTray } from '../compose/AttachmentTray';
import type { UploadTray } from '../compose/useUploadTray';
import { VoiceRecorder } from '../compose/VoiceRecorder';
import { mentionMatches, mentionQuery } from '../mentions';
import { useChatState, useChatStore } from '../store/ChatProvider';
import { cleanText, MAX_MESSAGE_LENGTH } from '../store/chatStore';
import { quoteOf } from '../store/messageList';
import { lastEditable, nameOf, personIn, quoteText } from '../store/selectors';
import type { Member, Message } from '../store/types';
import { createTypingSender } from './typingSender';
import styles from './Composer.module.css';

/** The counter shows from this many characters on. */
const COUNTER_FROM = MAX_MESSAGE_LENGTH - 500;
const MAX_ROWS = 8;

/** What a message's Reply and Edit tell the composer (ChatWindow holds it as a ref). */
export interface ComposerHandle {
  reply(message: Message): void;
  edit(message: Message): void;
}

/** Replying to a message, or editing one of mine (the message as it was picked; shown as it now is). */
type Target = { kind: 'reply' | 'edit'; message: Message };

/** Images pasted from the clipboard (a screenshot, a copied picture). */
function pastedImages(event: ClipboardEvent): File[] {
  return Array.from(event.clipboardData?.files ?? []).filter((file) => file.type.startsWith('image/'));
}

/**
 * Enter sends, Shift+Enter starts a new line; the text is trimmed and at most 4,000 characters. Files (attached,
 * dropped on the chat or pasted) upload at once into the tray; Send waits for them, and sends text, files or both.
 *
 * A reply shows what it answers above the input. Editing (a message's Edit, or Up in an empty composer) puts the
 * message's text in the input, the draft aside until the edit is saved or cancelled (✕ or Escape); the server's
 * refusal shows here. The draft (not an edit) is kept per chat in the store, so it is there again when the chat is
 * opened again, even after a reload.
 */
export function Composer({
  conversationId,
  tray,
  ref,
}: {
  conversationId: string;
  tray: UploadTray;
  ref?: Ref<ComposerHandle>;
}) {
  const store = useChatStore();
  const me = useChatState((s) => s.me);
  const messages = useChatState((s) => s.conversations[conversationId]?.messages);
  const conversation = useChatState((s) => s.conversations[conversationId]?.conversation);
  // What was typed here before (another chat opened meanwhile, or the page reloaded) is still there.
  const [draft, setDraft] = useState(() => store.getState().drafts[conversationId] ?? '');
  const [target, setTarget] = useState<Target | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const put = useRef(''); // the draft put aside while editing
  const editingId = useRef<string | null>(null); // what an edit's ack may still end (not once cancelled)
  const input = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const typing = useMemo(
    () => createTypingSender((active) => store.typing(conversationId, active)),
    [store, conversationId],
  );
  useEffect(() => () => typing.stop(), [typing]);
  // In a group, `@` and the start of a name offer the members to mention (the server finds them in the text).
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const caretAfter = useRef<number | null>(null); // where the caret goes once a picked name is in
  const suggestions =
    mention && conversation?.kind === 'GROUP' ? mentionMatches(conversation.members, me, mention.query) : [];
  const listId = `${counterId}-mentions`;
  useLayoutEffect(() => {
    if (caretAfter.current === null) return;
    input.current?.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [draft]);

  /** What the caret now follows: a name being typed, or not. */
  function lookForMention(text: string, caret: number | null) {
    const found = caret === null ? null : mentionQuery(text, caret);
    if (found?.start !== mention?.start || found?.query !== mention?.query) setActive(0);
    setMention(found);
  }

  /** What is typed (or picked) in the input. */
  function write(value: string) {
    setDraft(value);
    // An edit is not a message being written: the others see no typing for it, and the draft put aside stays the
    // one kept.
    if (editing) return;
    typing.input(value);
    store.setDraft(conversationId, value);
  }

  /** Puts `@username ` in place of what was typed of the name, the caret after it. */
  function pick(member: Member) {
    if (!mention) return;
    const caret = mention.start + 1 + mention.query.length;
    const inserted = `@${member.user.username} `;
    const next = draft.slice(0, mention.start) + inserted + draft.slice(caret).replace(/^ /, '');
    caretAfter.current = mention.start + inserted.length;
    write(next);
    setMention(null);
    input.current?.focus();
  }

  // The message as the list now holds it (edited or deleted meanwhile), else as it was picked.
  const current = target && (messages?.find((m) => m.id === target.message.id) ?? target.message);
  const editing = target?.kind === 'edit' ? current : null;
  const length = cleanText(draft).length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const canSend = editing
    ? (length > 0 || editing.attachments.length > 0) && !tooLong && !saving
    : (length > 0 || tray.ready.length > 0) && !tooLong && !tray.uploading;

  function startEdit(message: Message) {
    if (target?.kind !== 'edit') put.current = draft;
    editingId.current = message.id;
    setTarget({ kind: 'edit', message });
    setDraft(message.text);
    setError(null);
    input.current?.focus();
  }

  /** Back from editing (saved or not): the draft put aside comes back. */
  function stop() {
    if (target?.kind === 'edit') setDraft(put.current);
    put.current = '';
    editingId.current = null;
    setTarget(null);
    setError(null);
  }

  useImperativeHandle(ref, () => ({
    reply(message) {
      if (target?.kind === 'edit') setDraft(put.current);
      editingId.current = null;
      setTarget({ kind: 'reply', message });
      setError(null);
      input.current?.focus();
    },
    edit: startEdit,
  }));

  async function save(message: Message) {
    // The same text again is no edit: nothing to send.
    if (cleanText(draft) === message.text) return stop();
    setSaving(true);
    setError(null);
    try {
      await store.editMessage(conversationId, message.id, draft);
      // Cancelled, or another edit begun, while this one was on its way: that stands.
      if (editingId.current === message.id) stop();
    } catch (e) {
      if (editingId.current === message.id) setError(messageFor(e, 'edit'));
    } finally {
      setSaving(false);
    }
  }

  function send() {
    if (!canSend) return;
    if (editing) {
      void save(editing);
      return;
    }
    store.send(conversationId, draft, tray.ready, target?.kind === 'reply' ? current : null);
    setDraft('');
    store.setDraft(conversationId, '');
    setTarget(null);
    tray.clear();
    typing.stop();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((at) => (at + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[Math.min(active, suggestions.length - 1)]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Escape' && target) {
      event.preventDefault();
      stop();
      return;
    }
    // Like Slack and Element: Up in an empty composer edits my last message.
    if (event.key === 'ArrowUp' && draft === '' && !editing && tray.ready.length === 0) {
      const last = lastEditable(store.getState().conversations[conversationId], me, Date.now());
      if (last) {
        event.preventDefault();
        startEdit(last);
      }
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
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
      {target && current && (
        <TargetBar
          kind={target.kind}
          message={current}
          who={current.senderId === me || !conversation ? 'yourself' : personIn(conversation, current.senderId, me)}
          onCancel={() => {
            stop();
            input.current?.focus();
          }}
        />
      )}
      {error && (
        <p className={styles.error} role="alert" data-testid="edit-error">
          {error}
        </p>
      )}
      {!editing && <AttachmentTray tray={tray} />}
      {suggestions.length > 0 && <MentionSuggestions id={listId} members={suggestions} active={active} onPick={pick} />}
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
        {!editing && (
          <button
            type="button"
            className={button('icon')}
            data-testid="attach"
            aria-label="Attach files"
            onClick={() => fileInput.current?.click()}
          >
            <span aria-hidden="true">📎</span>
          </button>
        )}
        <label className={text.visuallyHidden} htmlFor={`${counterId}-input`}>
          {editing ? 'Edit message' : 'Message'}
        </label>
        <textarea
          ref={input}
          id={`${counterId}-input`}
          data-testid="composer"
          className={styles.input}
          placeholder="Write a message…"
          rows={Math.min(MAX_ROWS, draft.split('\n').length)}
          value={draft}
          aria-invalid={tooLong || undefined}
          aria-describedby={length >= COUNTER_FROM ? counterId : undefined}
          aria-autocomplete={conversation?.kind === 'GROUP' ? 'list' : undefined}
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            write(event.target.value);
            lookForMention(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onClick={(event) => lookForMention(event.currentTarget.value, event.currentTarget.selectionStart)}
          onBlur={() => setMention(null)}
          onPaste={(event) => {
            const images = pastedImages(event);
            if (images.length === 0 || editing) return;
            event.preventDefault();
            tray.add(images);
          }}
        />
        {length >= COUNTER_FROM && (
          <span id={counterId} className={cx(styles.counter, tooLong && styles.over)} data-testid="composer-counter">
            {length} / {MAX_MESSAGE_LENGTH}
          </span>
        )}
        {!editing && <VoiceRecorder conversationId={conversationId} />}
        <button type="submit" className={button('primary')} data-testid="send" disabled={!canSend}>
          {editing ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}

/** Above the input: what the reply answers, or that a message is being edited; ✕ cancels either. */
function TargetBar({
  kind,
  message,
  who,
  onCancel,
}: {
  kind: Target['kind'];
  message: Message;
  who: string;
  onCancel(): void;
}) {
  const reply = kind === 'reply';
  return (
    <div className={styles.target} data-testid={reply ? 'reply-preview' : 'edit-banner'}>
      <div className={styles.targetText}>
        <span className={styles.targetTitle}>{reply ? `Replying to ${who}` : 'Editing message'}</span>
        <span className={styles.targetQuote}>{quoteText(quoteOf(message))}</span>
      </div>
      <button
        type="button"
        className={button('icon')}
        data-testid={reply ? 'reply-cancel' : 'edit-cancel'}
        aria-label={reply ? 'Cancel reply' : 'Cancel editing'}
        title={reply ? 'Cancel reply (Esc)' : 'Cancel editing (Esc)'}
        onClick={onCancel}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}

/** The members whose name starts with what follows the `@` (a listbox the input drives: arrows, Enter or Tab). */
function MentionSuggestions({
  id,
  members,
  active,
  onPick,
}: {
  id: string;
  members: Member[];
  active: number;
  onPick(member: Member): void;
}) {
  return (
    <ul className={styles.mentions} id={id} role="listbox" aria-label="Mention" data-testid="mention-suggestions">
      {members.map((member, i) => (
        <li
          key={member.user.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={cx(styles.mentionOption, i === active && styles.activeOption)}
          data-testid="mention-option"
          data-username={member.user.username}
          // The input keeps the focus (and the caret).
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(member)}
        >
          <span className={styles.mentionName}>{nameOf(member.user)}</span>{' '}
          <span className={cx(text.muted, text.small)}>@{member.user.username}</span>
        </li>
      ))}
    </ul>
  );
}
