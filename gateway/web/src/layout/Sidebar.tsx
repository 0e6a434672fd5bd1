import { Link, NavLink } from 'react-router';
import { useSignOut } from '../account/useSignOut';
import { useCurrentSession } from '../auth/services';
import { ChatsBadge } from '../chat/ChatsBadge';
import { ConnectionDot } from './ConnectionDot';
import { RequestsBadge, SidebarFriends } from './SidebarFriends';

const NAV = [
  { to: '/chats', label: 'Chats', end: false, testId: 'nav-chats' },
  { to: '/friends', label: 'Friends', end: false },
  { to: '/settings', label: 'Settings', end: false },
  { to: '/health', label: 'System health', end: false },
];

export function Sidebar() {
  const session = useCurrentSession();
  const signOut = useSignOut();
  return (
    <aside className="sidebar">
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        Parley
      </Link>
      <nav aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className="nav-link" data-testid={item.testId}>
                {item.label}
                {item.to === '/chats' && session && <ChatsBadge />}
                {item.to === '/friends' && session && <RequestsBadge />}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {session && <SidebarFriends />}
      <div className="sidebar-footer">
        {session ? (
          <>
            <div className="me" data-testid="current-user">
              <span className="me-name">{session.user.displayName}</span>
              <span className="me-handle muted">@{session.user.username}</span>
            </div>
            <button type="button" className="button link sidebar-sign-out" data-testid="sidebar-sign-out" onClick={signOut}>
              Sign out
            </button>
          </>
        ) : (
          <Link to="/login">Sign in</Link>
        )}
        <ConnectionDot />
      </div>
    </aside>
  );
}
