import { Link } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { useCurrentSession } from '../auth/services';
import { ChatsPage } from '../chat/ChatsPage';
import { button, cx, panel } from '../ui/styles/classes';
import styles from './HomePage.module.css';

/** Signed out: a welcome; signed in: the chats (as on /chats). */
export function HomePage() {
  const session = useCurrentSession();
  if (session) {
    return (
      <RequireAuth>
        <ChatsPage />
      </RequireAuth>
    );
  }
  return (
    <section className={cx(panel.panel, styles.welcome)} aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to Parley</h1>
      <p>Chat with your friends, share photos, and call them with audio or video.</p>
      <div className={cx(panel.actions, styles.actions)}>
        <Link className={button('primary')} to="/login">
          Sign in
        </Link>
        <Link className={button()} to="/signup">
          Create an account
        </Link>
      </div>
    </section>
  );
}
