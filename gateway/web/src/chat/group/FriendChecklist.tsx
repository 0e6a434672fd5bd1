import type { PublicUser } from '../../people/store/types';
import { Avatar } from '../../ui/Avatar';
import { IdentityText } from '../../ui/IdentityText';
import { cx, text } from '../../ui/styles/classes';
import { nameOf } from '../store/selectors';
import styles from './FriendChecklist.module.css';

/** One checkbox per friend. */
export function FriendChecklist({
  friends,
  selected,
  onChange,
  legend,
}: {
  friends: PublicUser[];
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  legend: string;
}) {
  function toggle(id: string) {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    onChange(next);
  }
  return (
    <fieldset className={styles.checklist}>
      <legend>{legend}</legend>
      {friends.length === 0 && <p className={cx(text.muted, text.small)}>No friends to add.</p>}
      <ul>
        {friends.map((friend) => (
          <li key={friend.id}>
            <label className={styles.option}>
              <input
                type="checkbox"
                data-testid="group-member-option"
                data-user-id={friend.id}
                checked={selected.has(friend.id)}
                onChange={() => toggle(friend.id)}
              />
              <Avatar user={friend} size="sm" />
              <IdentityText name={nameOf(friend)} handle={`@${friend.username}`} />
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
