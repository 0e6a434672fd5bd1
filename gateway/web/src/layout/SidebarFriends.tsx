import { Link, NavLink } from 'react-router';
import { profilePath } from '../app/routes';
import { useOptionalChatState } from '../chat/store/ChatProvider';
import { OpenChatButton } from '../chat/OpenChatButton';
import { Avatar, PresenceDot } from '../ui/Avatar';
import { usePeople } from '../people/store/PeopleProvider';

/** The signed-in user's friends, each with avatar, name, @username and presence dot. */
export function SidebarFriends() {
  const friends = usePeople((s) => s.friends);
  const friendsStatus = usePeople((s) => s.status.friends);
  const presence = useOptionalChatState((s) => s.presence, undefined);
  return (
    <section className="sidebar-friends" aria-labelledby="sidebar-friends-title">
      <h2 id="sidebar-friends-title" className="sidebar-heading">
        Friends
      </h2>
      <ul className="sidebar-friend-list" data-testid="friends-list">
        {friends.map(({ user }) => (
          <li key={user.id} data-testid={`friend-${user.username}`} className="sidebar-friend-row">
            <NavLink to={profilePath(user.id)} className="sidebar-friend">
              <span className="avatar-wrap">
                <Avatar user={user} size="sm" />
                <PresenceDot online={presence?.[user.id]?.online ?? user.online} />
              </span>
              <span className="identity-text">
                <span className="identity-name">{user.displayName || user.username}</span>
                <span className="identity-handle muted">@{user.username}</span>
              </span>
            </NavLink>
            <OpenChatButton userId={user.id} name={user.displayName || user.username} compact />
          </li>
        ))}
      </ul>
      {friends.length === 0 && friendsStatus !== 'loading' && (
        <p className="muted small sidebar-empty">
          No friends yet. <Link to="/friends">Find people</Link>
        </p>
      )}
    </section>
  );
}

/** The number of incoming friend requests, on the Friends nav link; nothing when there are none. */
export function RequestsBadge() {
  const count = usePeople((s) => s.incoming.length);
  if (count === 0) return null;
  return (
    <>
      <span className="nav-badge" data-testid="requests-badge" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">
        , {count} friend {count === 1 ? 'request' : 'requests'}
      </span>
    </>
  );
}
