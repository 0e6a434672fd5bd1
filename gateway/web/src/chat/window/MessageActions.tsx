import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { cx } from '../../ui/styles/classes';
import styles from './MessageActions.module.css';

/** The picker's emoji (the server takes any single one; these are the usual few). */
const REACTION_EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '🔥'];

/**
 * Reply, React and Edit beside a bubble: in the page all the time (keyboard and browser tests reach them), shown on
 * hover or focus. Each one only when it applies (`onReply` etc. left out otherwise).
 */
export function MessageActions({
  own,
  mine,
  onReply,
  onReact,
  onEdit,
}: {
  /** My message (on the right): the picker opens towards the middle, from the bubble's right edge. */
  own: boolean;
  /** The emoji I already put on the message: picking one of them again takes it back. */
  mine: string[];
  onReply?(): void;
  onReact?(emoji: string, add: boolean): void;
  onEdit?(): void;
}) {
  const [picking, setPicking] = useState(false);
  const pickerId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLDivElement>(null);

  // Open: the first emoji takes the focus, and a click anywhere else closes the picker.
  useEffect(() => {
    if (!picking) return;
    picker.current?.querySelector('button')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setPicking(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [picking]);

  function close() {
    setPicking(false);
    trigger.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!picking) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    const options = [...(picker.current?.querySelectorAll('button') ?? [])];
    const at = options.indexOf(document.activeElement as HTMLButtonElement);
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (at >= 0 && step[event.key]) {
      event.preventDefault();
      options[(at + step[event.key] + options.length) % options.length].focus();
    }
  }

  if (!onReply && !onReact && !onEdit) return null;
  return (
    <div className={cx(styles.actions, picking && styles.open)} ref={root} onKeyDown={onKeyDown}>
      {onReply && (
        <button
          type="button"
          className={styles.action}
          data-testid="message-reply"
          aria-label="Reply"
          title="Reply"
          onClick={onReply}
        >
          <span aria-hidden="true">↩</span>
        </button>
      )}
      {onReact && (
        <button
          ref={trigger}
          type="button"
          className={styles.action}
          data-testid="message-react"
          aria-label="React"
          title="React"
          aria-expanded={picking}
          aria-controls={picking ? pickerId : undefined}
          onClick={() => setPicking((open) => !open)}
        >
          <span aria-hidden="true">☺</span>
        </button>
      )}
      {onEdit && (
        <button
          type="button"
          className={styles.action}
          data-testid="message-edit"
          aria-label="Edit"
          title="Edit"
          onClick={onEdit}
        >
          <span aria-hidden="true">✎</span>
        </button>
      )}
      {picking && onReact && (
        <div
          className={cx(styles.picker, own ? styles.end : styles.start)}
          ref={picker}
          id={pickerId}
          role="group"
          aria-label="Reactions"
          data-testid="reaction-picker"
        >
          {REACTION_EMOJI.map((emoji) => {
            const chosen = mine.includes(emoji);
            return (
              <button
                key={emoji}
                type="button"
                className={cx(styles.option, chosen && styles.chosen)}
                data-testid="reaction-option"
                data-emoji={emoji}
                aria-label={chosen ? `Remove ${emoji}` : `React with ${emoji}`}
                aria-pressed={chosen}
                onClick={() => {
                  close();
                  onReact(emoji, !chosen);
                }}
              >
                {emoji}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
