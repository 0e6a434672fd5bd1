import { Link, useLocation } from 'react-router';
import { button, panel, text } from '../ui/styles/classes';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className={panel.panel} aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p className={text.muted}>
        There is nothing at <code>{pathname}</code>.
      </p>
      <Link className={button()} to="/">
        Go to chats
      </Link>
    </section>
  );
}
