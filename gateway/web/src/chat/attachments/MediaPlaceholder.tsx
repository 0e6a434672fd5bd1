import type { MediaUrl } from '../../media/useMediaUrl';
import { cx, text } from '../../ui/styles/classes';
import styles from './MediaPlaceholder.module.css';

/** Shown while a file loads, or instead of one that is gone. */
export function MediaPlaceholder({ media, what, className }: { media: MediaUrl; what: string; className?: string }) {
  const gone = media.error === 'unavailable';
  return (
    <span
      className={cx(styles.placeholder, text.small, text.muted, className)}
      data-testid={media.error ? 'attachment-unavailable' : 'attachment-loading'}
      role={media.error ? 'note' : undefined}
    >
      {gone
        ? `This ${what} is no longer available.`
        : media.error
          ? `This ${what} could not be loaded.`
          : `Loading ${what}…`}
    </span>
  );
}
