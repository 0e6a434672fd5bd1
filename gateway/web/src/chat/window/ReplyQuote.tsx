import { cx } from '../../ui/styles/classes';
import { personIn, quoteText } from '../store/selectors';
import type { Conversation, ReplyTo } from '../store/types';
import styles from './ReplyQuote.module.css';

/**
 * The quote above a reply's text: who wrote the original and its first words, or what stands for them (deleted,
 * files only, a call, someone I blocked: then unnamed). A button: it scrolls to the original.
 */
export function ReplyQuote({
  quote,
  conversation,
  me,
  onJump,
}: {
  quote: ReplyTo;
  conversation: Conversation;
  me: string;
  onJump(messageId: string): void;
}) {
  const muted = quote.deleted || quote.senderBlocked;
  return (
    <button
      type="button"
      className={cx(styles.quote, muted && styles.muted)}
      data-testid="reply-quote"
      data-reply-to-id={quote.id}
      title="Show the original message"
      onClick={() => onJump(quote.id)}
    >
      {!quote.senderBlocked && <span className={styles.sender}>{personIn(conversation, quote.senderId, me)}</span>}
      <span className={styles.text}>{quoteText(quote)}</span>
    </button>
  );
}
