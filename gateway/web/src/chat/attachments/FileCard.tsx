import { useState } from 'react';
import { formatBytes, safeFileName } from '../../media/format';
import { MediaLoadError } from '../../media/mediaCache';
import { useMedia } from '../../media/MediaProvider';
import type { Attachment } from '../../media/types';
import { button, cx, text } from '../../ui/styles/classes';
import styles from './FileCard.module.css';

const ICONS: [RegExp, string, string][] = [
  [/^application\/pdf$/, '📄', 'PDF document'],
  [/zip|compressed|x-tar|x-7z|x-rar|gzip/, '🗜️', 'Archive'],
  [/^text\/|json|xml|csv|markdown/, '📝', 'Text file'],
  [/word|opendocument\.text|rtf/, '📃', 'Document'],
  [/sheet|excel/, '📊', 'Spreadsheet'],
  [/presentation|powerpoint/, '📽️', 'Presentation'],
  [/^image\//, '🖼️', 'Image'],
  [/^audio\//, '🎵', 'Audio'],
  [/^video\//, '🎬', 'Video'],
];

/** An icon and a spoken kind for a content type. */
export function fileKind(contentType: string): { icon: string; label: string } {
  const type = contentType.toLowerCase();
  const found = ICONS.find(([pattern]) => pattern.test(type));
  return found ? { icon: found[1], label: found[2] } : { icon: '📎', label: 'File' };
}

/** A file that is not shown inline: its kind, name and size, and a download (fetched with the token). */
export function FileCard({ attachment }: { attachment: Attachment }) {
  const { cache } = useMedia();
  const [state, setState] = useState<'idle' | 'busy' | 'gone' | 'failed'>('idle');
  const name = safeFileName(attachment.name);
  const kind = fileKind(attachment.contentType);

  async function download() {
    setState('busy');
    try {
      const src = await cache.load(attachment.url);
      const link = document.createElement('a');
      link.href = src;
      link.download = name;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      setState('idle');
    } catch (error) {
      setState(error instanceof MediaLoadError && error.failure === 'unavailable' ? 'gone' : 'failed');
    }
  }

  return (
    <div className={styles.card} data-testid="attachment-file">
      <span className={styles.icon} role="img" aria-label={kind.label}>
        {kind.icon}
      </span>
      <span className={styles.details}>
        <span className={cx(text.truncate, styles.name)} title={name} data-testid="attachment-name">
          {name}
        </span>
        <span className={cx(text.small, text.muted)}>{formatBytes(attachment.size)}</span>
        {state === 'gone' && (
          <span className={cx(text.small, styles.error)} role="alert">
            This file is no longer available.
          </span>
        )}
        {state === 'failed' && (
          <span className={cx(text.small, styles.error)} role="alert">
            The download failed. Try again.
          </span>
        )}
      </span>
      <button
        type="button"
        className={button('small')}
        data-testid="attachment-download"
        aria-label={`Download ${name}`}
        disabled={state === 'busy' || state === 'gone'}
        onClick={() => void download()}
      >
        {state === 'busy' ? 'Downloading…' : 'Download'}
      </button>
    </div>
  );
}
