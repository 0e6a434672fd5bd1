import { useCallback, useEffect, useRef, useState } from 'react';
import { messageFor } from '../../api/messages';
import { useMedia } from '../../media/MediaProvider';
import { MAX_ATTACHMENTS, toAttachment, type Attachment } from '../../media/types';
import { isAbort } from '../../media/upload';

export interface TrayItem {
  key: string;
  name: string;
  size: number;
  contentType: string;
  status: 'uploading' | 'done' | 'failed';
  /** From 0 to 1 while uploading. */
  progress: number;
  /** An object URL of the chosen image, shown in the tray. */
  preview?: string;
  attachment?: Attachment;
  error?: string;
}

export interface UploadTray {
  items: TrayItem[];
  /** Starts uploading each file at once (as many as still fit in one message). */
  add(files: File[]): void;
  /** Cancels the upload, or drops the file from the message. */
  remove(key: string): void;
  /** After sending: the tray starts empty. */
  clear(): void;
  /** Uploaded and ready to send. */
  ready: Attachment[];
  uploading: boolean;
  /** Why some files were not added. */
  notice: string | null;
}

export const TOO_MANY_FILES = `A message can carry at most ${MAX_ATTACHMENTS} files.`;

let keys = 0;

/** The files chosen for the next message, each uploaded as soon as it is chosen. */
export function useUploadTray(): UploadTray {
  const { uploadMedia, discardUpload } = useMedia();
  const [items, setItems] = useState<TrayItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const uploads = useRef(new Map<string, AbortController>());
  const counted = useRef(new Set<string>()); // the files counted against the limit, current between renders
  const previews = useRef(new Map<string, string>());

  const forget = useCallback((key: string) => {
    const preview = previews.current.get(key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(key);
    counted.current.delete(key);
  }, []);

  useEffect(() => {
    const running = uploads.current;
    const shown = previews.current;
    return () => {
      running.forEach((controller) => controller.abort());
      shown.forEach((preview) => URL.revokeObjectURL(preview));
      shown.clear();
    };
  }, []);

  const update = useCallback(
    (key: string, change: Partial<TrayItem>) =>
      setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item))),
    [],
  );

  const upload = useCallback(
    (key: string, file: File) => {
      const controller = new AbortController();
      uploads.current.set(key, controller);
      uploadMedia(file, 'ATTACHMENT', {
        signal: controller.signal,
        onProgress: (progress) => update(key, { progress }),
      })
        .then(
          (media) => update(key, { status: 'done', progress: 1, attachment: toAttachment(media) }),
          (error: unknown) => {
            if (isAbort(error)) return;
            counted.current.delete(key);
            update(key, { status: 'failed', error: messageFor(error) });
          },
        )
        .finally(() => uploads.current.delete(key));
    },
    [uploadMedia, update],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_ATTACHMENTS - counted.current.size);
      const taken = files.slice(0, room);
      setNotice(taken.length < files.length ? TOO_MANY_FILES : null);
      if (taken.length === 0) return;
      const added: TrayItem[] = taken.map((file) => {
        const key = `f${++keys}`;
        const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
        if (preview) previews.current.set(key, preview);
        counted.current.add(key);
        return {
          key,
          name: file.name || 'file',
          size: file.size,
          contentType: file.type,
          status: 'uploading',
          progress: 0,
          preview,
        };
      });
      setItems((list) => [...list, ...added]);
      added.forEach((item, i) => upload(item.key, taken[i]));
    },
    [upload],
  );

  const remove = useCallback(
    (key: string) => {
      // Uploaded but no longer wanted: deleted now rather than purged tomorrow.
      const done = items.find((i) => i.key === key)?.attachment;
      if (done) discardUpload(done.id);
      forget(key);
      setItems((list) => list.filter((i) => i.key !== key));
      uploads.current.get(key)?.abort();
      setNotice(null);
    },
    [forget, discardUpload, items],
  );

  const clear = useCallback(() => {
    uploads.current.forEach((controller) => controller.abort());
    [...previews.current.keys(), ...counted.current].forEach(forget);
    setItems([]);
    setNotice(null);
  }, [forget]);

  return {
    items,
    add,
    remove,
    clear,
    ready: items.flatMap((item) => (item.attachment ? [item.attachment] : [])),
    uploading: items.some((item) => item.status === 'uploading'),
    notice,
  };
}
