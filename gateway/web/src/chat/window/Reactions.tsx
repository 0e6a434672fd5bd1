import { cx } from '../../ui/styles/classes';
import { reactorsText } from '../store/selectors';
import type { Conversation, Reaction } from '../store/types';
import styles from './Reactions.module.css';

/**
 * The chips under a bubble, "👍 2", in the order each emoji was first used; mine stand out. A chip adds my reaction
 * with its emoji or takes it back (`onToggle(emoji, add)`); its title names who reacted.
 */
export function Reactions({
  reactions,
  conversation,
  me,
  onToggle,
}: {
  reactions: Reaction[];
  conversation: Conversation;
  me: string;
  onToggle(emoji: string, add: boolean): void;
}) {
  if (reactions.length === 0) return null;
  return (
    <ul className={styles.reactions} aria-label="Reactions" data-testid="reactions">
      {reactions.map((reaction) => {
        const mine = reaction.userIds.includes(me);
        const who = reactorsText(conversation, reaction.userIds, me);
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              className={cx(styles.chip, mine && styles.mine)}
              data-testid="reaction-chip"
              data-emoji={reaction.emoji}
              data-count={reaction.count}
              data-mine={String(mine)}
              aria-pressed={mine}
              aria-label={`${reaction.emoji} ${reaction.count}: ${who}`}
              title={who}
              onClick={() => onToggle(reaction.emoji, !mine)}
            >
              <span aria-hidden="true">{reaction.emoji}</span>
              <span className={styles.count} aria-hidden="true">
                {reaction.count}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
