import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { messageFor } from '../api/messages';
import { useCurrentSession } from '../auth/services';
import { OpenChatButton } from '../chat/OpenChatButton';
import { useAction } from '../hooks/useAction';
import { ActionError } from '../ui/ActionError';
import { Avatar, AvatarWrap, PresenceDot } from '../ui/Avatar';
import { handleClass } from '../ui/IdentityText';
import { Menu, type MenuItem } from '../ui/Menu';
import { cx, panel, text } from '../ui/styles/classes';
import { RelationshipActions } from './RelationshipActions';
import { publicUser } from './store/peopleApi';
import { usePeopleStore, useRelationship } from './store/PeopleProvider';
import type { Person } from './store/types';
import styles from './PersonPage.module.css';

type Loaded = { id: string; person: Person } | { id: string; error: unknown };

/** `/people/:id`: another person's profile with the relationship actions, and Block / Unblock in a menu. */
export function PersonPage() {
  const { id = '' } = useParams();
  const { api } = usePeopleStore();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.person(id, { signal: controller.signal }).then(
      (person) => controller.signal.aborted || setLoaded({ id, person }),
      (error: unknown) => controller.signal.aborted || setLoaded({ id, error }),
    );
    return () => controller.abort();
  }, [api, id]);

  const current = loaded?.id === id ? loaded : null;
  if (!current) {
    return (
      <section className={panel.panel} aria-busy="true">
        <p className={text.muted}>Loading…</p>
      </section>
    );
  }
  if ('error' in current) {
    const missing = current.error instanceof ApiError && current.error.status === 404;
    return (
      <section className={panel.panel} aria-labelledby="person-missing-title">
        <h1 id="person-missing-title">{missing ? 'Person not found' : 'Could not load this profile'}</h1>
        <p className={text.muted} data-testid="person-error">
          {missing ? 'There is no such person, or they are not visible to you.' : messageFor(current.error)}
        </p>
        <Link to="/friends">Back to friends</Link>
      </section>
    );
  }
  return <Profile person={current.person} />;
}

const joinedFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

function joined(createdAt: string | undefined): string | null {
  if (!createdAt) return null;
  const at = new Date(createdAt);
  return Number.isNaN(at.getTime()) ? null : joinedFormat.format(at);
}

function Profile({ person }: { person: Person }) {
  const me = useCurrentSession()?.user.id;
  const people = usePeopleStore();
  const { relationship } = useRelationship(person);
  const { error, run } = useAction();
  const name = person.displayName || person.username;
  const since = joined(person.createdAt);
  const self = person.id === me;

  const menu: MenuItem[] = [];
  if (relationship === 'FRIEND') {
    menu.push({
      label: 'Unfriend',
      testId: 'menu-unfriend',
      onSelect: () => void run(() => people.unfriend(person.id)),
    });
  }
  menu.push(
    relationship === 'BLOCKED'
      ? { label: 'Unblock', testId: 'menu-unblock', onSelect: () => void run(() => people.unblock(person.id)) }
      : {
          label: 'Block',
          testId: 'menu-block',
          danger: true,
          onSelect: () => void run(() => people.block(publicUser(person))),
        },
  );

  return (
    <section className={cx(panel.panel, styles.profile)} aria-labelledby="person-title" data-testid="person-profile">
      <header className={styles.header}>
        <AvatarWrap>
          <Avatar user={person} size="lg" />
          <PresenceDot online={person.online} />
        </AvatarWrap>
        <div className={styles.names}>
          <h1 id="person-title">{name}</h1>
          <p className={cx(text.muted, handleClass)} data-testid="person-username">
            @{person.username}
          </p>
        </div>
        {!self && <Menu label={`More for ${name}`} items={menu} />}
      </header>
      {person.bio ? (
        <p className={styles.bio} data-testid="person-bio">
          {person.bio}
        </p>
      ) : (
        <p className={cx(styles.bio, text.muted)}>No bio yet.</p>
      )}
      {since && (
        <p className={cx(text.muted, text.small)} data-testid="person-joined">
          Joined {since}
        </p>
      )}
      {self ? (
        <p>
          This is you. <Link to="/settings">Edit your profile</Link>
        </p>
      ) : (
        <div className={styles.actions}>
          {relationship === 'FRIEND' && <OpenChatButton userId={person.id} name={name} />}
          <RelationshipActions person={person} className={styles.relationshipActions} />
        </div>
      )}
      <ActionError message={error} />
    </section>
  );
}
