import { formatDuration, safeFileName } from '../../media/format';
import type { Attachment } from '../../media/types';
import { useMediaUrl } from '../../media/useMediaUrl';
import { cx, text } from '../../ui/styles/classes';
import { FileCard } from './FileCard';
import { ImageAttachment } from './ImageAttachment';
import { MediaPlaceholder } from './MediaPlaceholder';
import styles from './MessageAttachments.module.css';

/** A message's files: images and videos inline, audio with controls (a recorded one as a voice note), others as cards. */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className={styles.attachments} aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id} className={styles.item}>
          <AttachmentView attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const type = attachment.contentType.toLowerCase();
  if (type.startsWith('image/')) return <ImageAttachment attachment={attachment} />;
  if (type.startsWith('video/')) return <VideoAttachment attachment={attachment} />;
  if (type.startsWith('audio/')) return <AudioAttachment attachment={attachment} />;
  return <FileCard attachment={attachment} />;
}

function VideoAttachment({ attachment }: { attachment: Attachment }) {
  const media = useMediaUrl(attachment.url);
  if (!media.src) return <MediaPlaceholder media={media} what="video" />;
  return (
    <video
      className={styles.video}
      src={media.src}
      controls
      preload="metadata"
      playsInline
      data-testid="attachment-video"
      aria-label={safeFileName(attachment.name, 'Video')}
    />
  );
}

/** Recorded in the app (it has a duration): a voice note; any other sound file: a player with its name. */
function AudioAttachment({ attachment }: { attachment: Attachment }) {
  const media = useMediaUrl(attachment.url);
  const voice = attachment.durationSeconds !== null;
  const label = voice ? 'Voice message' : safeFileName(attachment.name, 'Audio');
  return (
    <figure className={styles.audio} data-voice-note={voice || undefined}>
      <figcaption className={cx(text.small, styles.caption)}>
        <span aria-hidden="true">{voice ? '🎤' : '🎵'}</span> {label}
        {voice && <span className={text.muted}> · {formatDuration(attachment.durationSeconds ?? 0)}</span>}
      </figcaption>
      {media.src ? (
        <audio src={media.src} controls preload="metadata" data-testid="attachment-audio" aria-label={label} />
      ) : (
        <MediaPlaceholder media={media} what="recording" />
      )}
    </figure>
  );
}
