import { Link } from 'react-router';
import { useCurrentSession } from '../auth/services';

export function HomePage() {
  const session = useCurrentSession();
  if (!session) {
    return (
      <section className="panel welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">Welcome to Parley</h1>
        <p>Chat with your friends, share photos, and call them with audio or video.</p>
        <div className="actions">
          <Link className="button primary" to="/login">
            Sign in
          </Link>
          <Link className="button" to="/signup">
            Create an account
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section className="empty-state" aria-labelledby="chats-title">
      <h1 id="chats-title">Select a conversation</h1>
      <p className="muted">Pick a chat from the list, or start one with a friend.</p>
    </section>
  );
}
