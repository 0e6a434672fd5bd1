import { Link, NavLink } from 'react-router';
import { profilePath } from '../app/routes';
import { OpenChatButton } from '../chat/OpenChatButton';
import { useOptionalChatState } from '../chat/store/ChatProvider';
import { usePeople } from '../people/store/PeopleProvider';
import { Avatar, AvatarWrap, PresenceDot } from '../ui/Avatar';
import { CountBadge } from '../ui/CountBadge';
import { IdentityText } from '../ui/IdentityText';
import { cx, text } from '../ui/styles/classes';
import styles from './SidebarFriends.module.css';

/** The signed-in user's friends, each with avatar, name, @username and presence dot. */
export function SidebarFriends() {
  const friends = usePeople((s) => s.friends);
  const friendsStatus = usePeople((s) => s.status.friends);
  const presence = useOptionalChatState((s) => s.presence, undefined);
  return (
    <section className={styles.friends} aria-labelledby="sidebar-friends-title">
      <h2 id="sidebar-friends-title" className={styles.heading}>
        Friends
      </h2>
      <ul className={styles.list} data-testid="friends-list">
        {friends.map(({ user }) => (
          <li key={user.id} data-testid={`friend-${user.username}`} className={styles.row}>
            <NavLink to={profilePath(user.id)} className={styles.friend}>
              <AvatarWrap>
                <Avatar user={user} size="sm" />
                <PresenceDot online={presence?.[user.id]?.online ?? user.online} />
              </AvatarWrap>
              <IdentityText
                name={user.displayName || user.username}
                handle={`@${user.username}`}
                handleClassName={styles.handle}
              />
            </NavLink>
            <OpenChatButton
              userId={user.id}
              name={user.displayName || user.username}
              compact
              errorClassName={styles.error}
            />
          </li>
        ))}
      </ul>
      {friends.length === 0 && friendsStatus !== 'loading' && (
        <p className={cx(text.muted, text.small, styles.empty)}>
          No friends yet. <Link to="/friends">Find people</Link>
        </p>
      )}
    </section>
  );
}

/** The number of incoming friend requests, on the Friends nav link; nothing when there are none. */
export function RequestsBadge() {
  const count = usePeople((s) => s.incoming.length);
  return (
    <CountBadge
      count={count}
      testId="requests-badge"
      spoken={`${count} friend ${count === 1 ? 'request' : 'requests'}`}
    />
  );
}
