import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import { messageFor } from '../../api/messages';
import { useCurrentSession, useServices } from '../../auth/services';
import { useChatStore } from '../../chat/store/ChatProvider';
import { useMedia } from '../../media/MediaProvider';
import { usePeopleStore } from '../../people/store/PeopleProvider';
import { Avatar } from '../../ui/Avatar';
import { alert, button, panel } from '../../ui/styles/classes';
import { AvatarCropper, type CropChoice } from './AvatarCropper';
import { cropToJpeg } from './cropImage';
import styles from './AvatarForm.module.css';

/** Pictures larger than this are not opened (the cropped upload is far smaller). */
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
export const NOT_AN_IMAGE = 'Choose an image file (JPEG, PNG, WebP or GIF).';
export const SOURCE_TOO_LARGE = 'Choose a picture of at most 25 MB.';
export const UNREADABLE = 'That picture could not be opened. Try another one.';

const avatarUrlOf = (mediaId: string) => `/api/media/${encodeURIComponent(mediaId)}/content?variant=avatar`;

/**
 * The profile photo: pick a picture, choose its square, and it is cropped here to 512×512, uploaded (AVATAR) and
 * set (`PATCH /api/users/me {avatarMediaId}`); or removed. The new photo shows at once in the app.
 */
export function AvatarForm() {
  const session = useCurrentSession();
  const { session: sessions } = useServices();
  const { uploadMedia } = useMedia();
  const { api } = usePeopleStore();
  const chats = useChatStore();
  const [picked, setPicked] = useState<string | null>(null); // object URL of the chosen file
  const [choice, setChoice] = useState<CropChoice | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => void (picked && URL.revokeObjectURL(picked)), [picked]);

  if (!session) return null;
  const { user } = session;

  function pick(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (!file.type.startsWith('image/')) return setError(NOT_AN_IMAGE);
    if (file.size > MAX_SOURCE_BYTES) return setError(SOURCE_TOO_LARGE);
    setChoice(null);
    setPicked(URL.createObjectURL(file));
  }

  /** Shows the change everywhere at once: the session (sidebar, settings) and every chat I am in. */
  function applied(avatarMediaId: string | null, avatarUrl: string | null) {
    sessions.updateUser({ avatarUrl });
    chats.userChanged({ id: user.id, avatarMediaId, avatarUrl });
  }

  async function save() {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const jpeg = await cropToJpeg(choice.image, choice.rect);
      setProgress(0);
      const file = new File([jpeg], 'avatar.jpg', { type: 'image/jpeg' });
      const media = await uploadMedia(file, 'AVATAR', { onProgress: setProgress });
      const profile = await api.updateMe({ avatarMediaId: media.id });
      applied(media.id, profile?.avatarUrl ?? avatarUrlOf(media.id));
      setPicked(null);
    } catch (e) {
      // A failed crop says what went wrong itself; a failed request is worded like every other.
      setError(e instanceof Error && !(e instanceof ApiError) ? e.message : messageFor(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      // An empty id clears the photo (null would leave it as it is).
      await api.updateMe({ avatarMediaId: '' });
      applied(null, null);
    } catch (e) {
      setError(messageFor(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="avatar-title" data-testid="avatar-form">
      <h2 id="avatar-title">Photo</h2>
      {picked ? (
        <div className={styles.editor}>
          <AvatarCropper
            src={picked}
            onChange={setChoice}
            onError={() => {
              setPicked(null);
              setError(UNREADABLE);
            }}
          />
          {progress !== null && (
            <progress className={styles.progress} value={progress} max={1} aria-label="Uploading your photo" />
          )}
          <div className={panel.actions}>
            <button
              type="button"
              className={button('primary')}
              data-testid="avatar-save"
              disabled={!choice || busy}
              onClick={() => void save()}
            >
              {busy ? 'Saving…' : 'Save photo'}
            </button>
            <button type="button" className={button()} disabled={busy} onClick={() => setPicked(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className={styles.current}>
          <Avatar user={user} size="xl" />
          <div className={styles.buttons}>
            <input
              ref={input}
              type="file"
              accept="image/*"
              hidden
              data-testid="avatar-input"
              onChange={(event) => {
                pick(event.target.files?.[0]);
                event.target.value = ''; // the same file may be chosen again
              }}
            />
            <button type="button" className={button()} disabled={busy} onClick={() => input.current?.click()}>
              {user.avatarUrl ? 'Change photo' : 'Add a photo'}
            </button>
            {user.avatarUrl && (
              <button
                type="button"
                className={button('danger')}
                data-testid="avatar-remove"
                disabled={busy}
                onClick={() => void remove()}
              >
                Remove photo
              </button>
            )}
          </div>
        </div>
      )}
      {error && (
        <p className={alert('error')} role="alert" data-testid="avatar-error">
          {error}
        </p>
      )}
    </section>
  );
}
