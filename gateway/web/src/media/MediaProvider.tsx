import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useCurrentSession, useServices } from '../auth/services';
import { createMediaCache, type MediaCache } from './mediaCache';
import { createUploader, type UploadMedia } from './upload';

export interface MediaServices {
  cache: MediaCache;
  uploadMedia: UploadMedia;
  /** Deletes an upload of one's own that was not sent (the server would purge it after a day). */
  discardUpload(id: string): void;
}

const MediaContext = createContext<MediaServices | null>(null);

/** The media cache and the uploader of the signed-in user; a new cache for each user, emptied on sign-out. */
export function MediaProvider({ children }: { children: ReactNode }) {
  const { api } = useServices();
  const me = useCurrentSession()?.user.id ?? null;
  const value = useMemo<MediaServices>(
    () => ({
      // `me` only starts a new cache: what one user may see is not another's.
      cache: createMediaCache({
        fetchBlob: (url) => (me ? api.getBlob(url) : Promise.reject(new Error('signed out'))),
      }),
      uploadMedia: createUploader(api),
      discardUpload: (id) => {
        api.delete(`/api/media/${encodeURIComponent(id)}`).catch(() => undefined);
      },
    }),
    [api, me],
  );
  useEffect(() => () => value.cache.clear(), [value]);
  return <MediaContext.Provider value={value}>{children}</MediaContext.Provider>;
}

export function useMedia(): MediaServices {
  const media = useContext(MediaContext);
  if (!media) throw new Error('useMedia() needs a <MediaProvider>');
  return media;
}
