import { Avatar } from '../../ui/Avatar';
import type { PublicUser } from '../../people/store/types';
import { nameOf } from '../store/selectors';

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
    <fieldset className="friend-checklist">
      <legend>{legend}</legend>
      {friends.length === 0 && <p className="muted small">No friends to add.</p>}
      <ul>
        {friends.map((friend) => (
          <li key={friend.id}>
            <label className="friend-option">
              <input
                type="checkbox"
                data-testid="group-member-option"
                data-user-id={friend.id}
                checked={selected.has(friend.id)}
                onChange={() => toggle(friend.id)}
              />
              <Avatar user={friend} size="sm" />
              <span className="identity-text">
                <span className="identity-name">{nameOf(friend)}</span>
                <span className="identity-handle muted">@{friend.username}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
