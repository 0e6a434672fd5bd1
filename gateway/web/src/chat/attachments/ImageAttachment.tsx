import { useState } from 'react';
import { safeFileName } from '../../media/format';
import type { Attachment } from '../../media/types';
import { useMediaUrl } from '../../media/useMediaUrl';
import { Dialog } from '../../ui/Dialog';
import { MediaPlaceholder } from './MediaPlaceholder';
import styles from './ImageAttachment.module.css';

/** The largest an inline image is drawn. */
const MAX_WIDTH = 280;
const MAX_HEIGHT = 320;

/** Its box from the stored width and height, so the list does not jump as pictures arrive. */
export function imageBox(width: number | null, height: number | null): { width: number; aspectRatio: string } {
  if (!width || !height || width <= 0 || height <= 0) return { width: 200, aspectRatio: '4 / 3' };
  const scale = Math.min(1, MAX_WIDTH / width, MAX_HEIGHT / height);
  return { width: Math.max(48, Math.round(width * scale)), aspectRatio: `${width} / ${height}` };
}

/**
 * The thumbnail inline (the image itself when there is no thumbnail, or it cannot be had); a click opens the full
 * image in a lightbox.
 */
export function ImageAttachment({ attachment }: { attachment: Attachment }) {
  const small = useMediaUrl(attachment.thumbnailUrl ?? attachment.url);
  const whole = useMediaUrl(small.error && attachment.thumbnailUrl ? attachment.url : null);
  const thumbnail = small.error && attachment.thumbnailUrl ? whole : small;
  const [open, setOpen] = useState(false);
  const box = imageBox(attachment.width, attachment.height);
  const name = safeFileName(attachment.name, 'Image');
  return (
    <>
      <button
        type="button"
        className={styles.frame}
        style={box}
        aria-label={`Open ${name}`}
        disabled={!thumbnail.src}
        onClick={() => setOpen(true)}
      >
        {thumbnail.src ? (
          <img className={styles.image} src={thumbnail.src} alt={name} data-testid="attachment-image" />
        ) : (
          <MediaPlaceholder media={thumbnail} what="image" className={styles.placeholder} />
        )}
      </button>
      {open && <Lightbox attachment={attachment} onClose={() => setOpen(false)} />}
    </>
  );
}

function Lightbox({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const full = useMediaUrl(attachment.url);
  const name = safeFileName(attachment.name, 'Image');
  return (
    <Dialog title={name} onClose={onClose} testId="lightbox" wide>
      {full.src ? (
        <img className={styles.full} src={full.src} alt={name} data-testid="lightbox-image" />
      ) : (
        <MediaPlaceholder media={full} what="image" />
      )}
    </Dialog>
  );
}
