import { profilePath } from '../app/routes';
import { Avatar, AvatarWrap, PresenceDot } from '../ui/Avatar';
import { IdentityText } from '../ui/IdentityText';
import type { PublicUser } from './store/types';
import styles from './PersonIdentity.module.css';

/** Avatar, display name (a link to the profile) and @username of one person. */
export function PersonIdentity({ user, presence = false }: { user: PublicUser; presence?: boolean }) {
  return (
    <div className={styles.identity}>
      <AvatarWrap>
        <Avatar user={user} />
        {presence && <PresenceDot online={user.online} />}
      </AvatarWrap>
      <IdentityText name={user.displayName || user.username} handle={`@${user.username}`} to={profilePath(user.id)} />
    </div>
  );
}
