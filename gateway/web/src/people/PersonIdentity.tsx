import { Link } from 'react-router';
import { profilePath } from '../app/routes';
import { Avatar, PresenceDot } from '../ui/Avatar';
import type { PublicUser } from './store/types';

/** Avatar, display name (a link to the profile) and @username of one person. */
export function PersonIdentity({ user, presence = false }: { user: PublicUser; presence?: boolean }) {
  return (
    <div className="identity">
      <span className="avatar-wrap">
        <Avatar user={user} />
        {presence && <PresenceDot online={user.online} />}
      </span>
      <span className="identity-text">
        <Link className="identity-name" to={profilePath(user.id)}>
          {user.displayName || user.username}
        </Link>
        <span className="identity-handle muted">@{user.username}</span>
      </span>
    </div>
  );
}
