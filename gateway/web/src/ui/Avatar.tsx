import type { ReactNode } from 'react';
import { useMediaUrl } from '../media/useMediaUrl';
import type { PublicUser } from '../people/store/types';
import { cx } from './styles/classes';
import styles from './Avatar.module.css';

/** A stable hue per person, so the same person always gets the same color. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

/** Up to two initials from the display name (first and last word), else from the username. */
export function initials(displayName: string | undefined, username: string): string {
  const words = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  const source = words.length > 0 ? words : [username];
  const first = Array.from(source[0])[0] ?? '?';
  const last = source.length > 1 ? (Array.from(source[source.length - 1])[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** The person's photo when they have one (`avatarUrl`, fetched with the token), else their initials on a color. */
export function Avatar({
  user,
  size = 'md',
  className,
}: {
  user: Pick<PublicUser, 'id' | 'username' | 'displayName' | 'avatarUrl'>;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** A size of its own (e.g. the call screen's). */
  className?: string;
}) {
  const { src } = useMediaUrl(user.avatarUrl ?? null);
  return (
    <span
      className={cx(styles.avatar, size !== 'md' && styles[size], className)}
      style={{ backgroundColor: `hsl(${avatarHue(user.id)} 55% 42%)` }}
      aria-hidden="true"
      data-testid="avatar"
    >
      {src ? (
        <img className={styles.image} src={src} alt="" data-testid="avatar-image" draggable={false} />
      ) : (
        initials(user.displayName, user.username)
      )}
    </span>
  );
}

/**
 * Grey until presence arrives with messaging; green when the person's `online` field says so. `online`
 * absent means unknown, which is shown as grey without words.
 */
export function PresenceDot({ online, testId = 'presence' }: { online?: boolean; testId?: string }) {
  const known = typeof online === 'boolean';
  return (
    <span
      className={cx(styles.presence, online && styles.online)}
      data-testid={testId}
      data-online={known ? String(online) : undefined}
      role={known ? 'img' : undefined}
      aria-label={known ? (online ? 'Online' : 'Offline') : undefined}
      aria-hidden={known ? undefined : true}
      title={known ? (online ? 'Online' : 'Offline') : undefined}
    />
  );
}

/** Holds an avatar and the presence dot at its corner. */
export function AvatarWrap({ children }: { children: ReactNode }) {
  return <span className={styles.wrap}>{children}</span>;
}
