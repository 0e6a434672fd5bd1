import { useEffect, useState, type FormEvent } from 'react';
import { messageFor } from '../../api/messages';
import { useServices } from '../../auth/services';
import type { PeopleApi } from '../../people/store/peopleApi';
import { usePeopleStore } from '../../people/store/PeopleProvider';
import type { OwnProfile } from '../../people/store/types';
import { Field, TextAreaField } from '../../ui/form/Field';
import { placeError, type ErrorPlacement } from '../../ui/form/FormAlert';
import { alert, button, panel } from '../../ui/styles/classes';

export const DISPLAY_NAME_MAX = 64;
export const BIO_MAX = 500;
export const PROFILE_SAVED = 'Profile saved.';
export const DISPLAY_NAME_REQUIRED = 'Enter a display name.';

const PLACEMENT: ErrorPlacement = { fields: ['displayName', 'bio'] };

type Load = { state: 'loading' } | { state: 'ready'; profile: OwnProfile } | { state: 'error'; error: unknown };

const LOADING: Load = { state: 'loading' };

/** Display name and bio (`PATCH /api/users/me`); a new display name shows in the sidebar at once. */
export function ProfileForm() {
  const { session } = useServices();
  const { api } = usePeopleStore();
  const [attempt, setAttempt] = useState(0);
  // What the fetch for this api and attempt brought; until it answers (or after a retry) the form is loading.
  const [loaded, setLoaded] = useState<{ api: PeopleApi; attempt: number; load: Load } | null>(null);
  const load: Load = loaded?.api === api && loaded.attempt === attempt ? loaded.load : LOADING;
  const [displayName, setDisplayName] = useState(() => session.get()?.user.displayName ?? '');
  const [bio, setBio] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  // The bio is not part of the session: fetch the profile before allowing a save that would overwrite it.
  useEffect(() => {
    const controller = new AbortController();
    api.me({ signal: controller.signal }).then(
      (profile) => {
        if (controller.signal.aborted) return;
        setLoaded({ api, attempt, load: { state: 'ready', profile } });
        setDisplayName(profile.displayName ?? '');
        setBio(profile.bio ?? '');
        // The photo as the profile has it (it may have changed on another device since sign-in).
        const avatarUrl = profile.avatarUrl ?? null;
        if (profile.avatarUrl !== undefined && session.get()?.user.avatarUrl !== avatarUrl) {
          session.updateUser({ avatarUrl });
        }
      },
      (e: unknown) => controller.signal.aborted || setLoaded({ api, attempt, load: { state: 'error', error: e } }),
    );
    return () => controller.abort();
  }, [api, attempt, session]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const name = displayName.trim();
    setBlank(name === '');
    if (name === '' || load.state !== 'ready') return;
    setBusy(true);
    setError(null);
    try {
      const profile = await api.updateMe({ displayName: name, bio });
      setLoaded({ api, attempt, load: { state: 'ready', profile } });
      setDisplayName(profile?.displayName ?? name);
      setBio(profile?.bio ?? bio);
      session.updateUser({ displayName: profile?.displayName ?? name });
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const placed = placeError(error, PLACEMENT);
  const edited = () => {
    setSaved(false);
  };

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-labelledby="profile-title"
      data-testid="profile-form"
    >
      <h2 id="profile-title">Profile</h2>
      {load.state === 'error' && (
        <div className={alert('error')} role="alert" data-testid="profile-load-error">
          <p>
            {messageFor(load.error)}{' '}
            <button type="button" className={button('link')} onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </p>
        </div>
      )}
      <Field
        label="Display name"
        name="displayName"
        autoComplete="name"
        required
        maxLength={DISPLAY_NAME_MAX}
        value={displayName}
        disabled={load.state !== 'ready'}
        error={blank ? DISPLAY_NAME_REQUIRED : placed.fields.displayName}
        onChange={(e) => {
          setDisplayName(e.target.value);
          setBlank(false);
          edited();
        }}
      />
      <TextAreaField
        label="Bio"
        name="bio"
        rows={4}
        maxLength={BIO_MAX}
        value={bio}
        disabled={load.state !== 'ready'}
        hint={`${bio.length}/${BIO_MAX} characters. Visible to anyone who can find you.`}
        error={placed.fields.bio}
        onChange={(e) => {
          setBio(e.target.value);
          edited();
        }}
      />
      {placed.form && (
        <div className={alert('error')} role="alert" data-testid="profile-error">
          <p>{placed.form}</p>
        </div>
      )}
      {saved && (
        <p className={alert('success')} role="status" data-testid="profile-success">
          {PROFILE_SAVED}
        </p>
      )}
      <div className={panel.actions}>
        <button
          type="submit"
          className={button('primary')}
          data-testid="profile-submit"
          disabled={busy || load.state !== 'ready'}
        >
          {busy ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
