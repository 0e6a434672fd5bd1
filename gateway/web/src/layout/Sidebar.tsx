import { Link, NavLink } from 'react-router';
import { useSession } from '../auth/session';
import { ConnectionDot } from './ConnectionDot';

const NAV = [
  { to: '/', label: 'Chats', end: true },
  { to: '/friends', label: 'Friends', end: false },
  { to: '/settings', label: 'Settings', end: false },
  { to: '/health', label: 'System health', end: false },
];

export function Sidebar() {
  const session = useSession();
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
              <NavLink to={item.to} end={item.end} className="nav-link">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        {session ? (
          <span className="me" title={session.user.username}>
            {session.user.displayName}
          </span>
        ) : (
          <Link to="/login">Sign in</Link>
        )}
        <ConnectionDot />
      </div>
    </aside>
  );
}
