import { Link, NavLink } from 'react-router';
import { useSignOut } from '../account/useSignOut';
import { useCurrentSession } from '../auth/services';
import { ChatsBadge } from '../chat/ChatsBadge';
import { useUnreadTitle } from '../chat/useUnreadTitle';
import { Avatar } from '../ui/Avatar';
import { button, cx, text } from '../ui/styles/classes';
import { ConnectionDot } from './ConnectionDot';
import { RequestsBadge, SidebarFriends } from './SidebarFriends';
import styles from './Sidebar.module.css';

const NAV = [
  { to: '/chats', label: 'Chats', end: false, testId: 'nav-chats' },
  { to: '/friends', label: 'Friends', end: false },
  { to: '/settings', label: 'Settings', end: false },
  { to: '/health', label: 'System health', end: false },
];

export function Sidebar() {
  const session = useCurrentSession();
  const signOut = useSignOut();
  useUnreadTitle();
  return (
    <aside className={styles.sidebar}>
      <Link to="/" className={styles.brand}>
        <span className={styles.brandMark} aria-hidden="true">
          P
        </span>
        Parley
      </Link>
      <nav aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className={styles.navLink} data-testid={item.testId}>
                {item.label}
                {item.to === '/chats' && session && <ChatsBadge />}
                {item.to === '/friends' && session && <RequestsBadge />}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {session && <SidebarFriends />}
      <div className={styles.footer}>
        {session ? (
          <>
            <div className={styles.me} data-testid="current-user">
              <Avatar user={session.user} size="sm" />
              <span className={styles.meText}>
                <span className={styles.meName}>{session.user.displayName}</span>
                <span className={cx(styles.meHandle, text.muted)}>@{session.user.username}</span>
              </span>
            </div>
            <button
              type="button"
              className={cx(button('link'), styles.signOut)}
              data-testid="sidebar-sign-out"
              onClick={signOut}
            >
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
