/** What `POST /api/media` stores a file for: a profile photo, or a file sent in a chat. */
export type MediaPurpose = 'AVATAR' | 'ATTACHMENT';

/** A stored file as `POST /api/media` answers it. Its URLs need the bearer token (see `useMediaUrl`). */
export interface Media {
  id: string;
  ownerId: string;
  purpose: MediaPurpose;
  /** `/api/media/{id}/content` */
  url: string;
  /** `…/content?variant=thumbnail`, images only. */
  thumbnailUrl: string | null;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Audio or video recorded in the app. */
  durationSeconds: number | null;
  name: string;
  createdAt: string;
}

/** A file as a message carries it. */
export type Attachment = Pick<
  Media,
  'id' | 'url' | 'thumbnailUrl' | 'contentType' | 'size' | 'width' | 'height' | 'durationSeconds' | 'name'
>;

const MB = 1024 * 1024;

/** The client-side check before an upload; the server has the last word (413 `FILE_TOO_LARGE`). */
export const MAX_BYTES: Record<MediaPurpose, number> = { AVATAR: 5 * MB, ATTACHMENT: 25 * MB };

/** The most attachments one message may carry. */
export const MAX_ATTACHMENTS = 10;

/** The only paths that get the bearer token: a URL from elsewhere is never fetched with it. */
export const isMediaPath = (url: string) => url.startsWith('/api/media/');

export function toAttachment(media: Attachment): Attachment {
  const { id, url, thumbnailUrl, contentType, size, width, height, durationSeconds, name } = media;
  return { id, url, thumbnailUrl, contentType, size, width, height, durationSeconds, name };
}
