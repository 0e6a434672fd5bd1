import type { ReactNode } from 'react';
import { useAction } from '../hooks/useAction';
import { ActionError } from '../ui/ActionError';
import { cx, text } from '../ui/styles/classes';
import { ActionButton } from './ActionButton';
import { publicUser } from './store/peopleApi';
import { usePeopleStore, useRelationship } from './store/PeopleProvider';
import type { Person, Relationship } from './store/types';
import styles from './RelationshipActions.module.css';

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  NONE: '',
  FRIEND: 'Friends',
  REQUEST_SENT: 'Request sent',
  REQUEST_RECEIVED: 'Wants to be your friend',
  BLOCKED: 'Blocked',
};

/**
 * The relationship with `person` and the buttons it allows: Add friend, Cancel a sent request,
 * Accept / Decline a received one, Unblock. Follows the live lists, so it flips without a reload.
 */
export function RelationshipActions({ person, className }: { person: Person; className?: string }) {
  const people = usePeopleStore();
  const { relationship, requestId } = useRelationship(person);
  const { busy, error, run } = useAction();
  const name = person.displayName || person.username;
  const label = RELATIONSHIP_LABELS[relationship] ?? '';
  /** Props of a button acting on the pending request (off while its id is unknown). */
  const onRequest = (act: (id: string) => Promise<unknown>) => ({
    name,
    disabled: busy || !requestId,
    onClick: () => requestId && void run(() => act(requestId)),
  });

  return (
    <PersonActions className={className}>
      {/* The machine-readable state, for tests and tooling; sighted users read the label and buttons. */}
      <span
        className={text.visuallyHidden}
        aria-hidden="true"
        data-testid="relationship"
        data-relationship={relationship}
      >
        {relationship}
      </span>
      {label && <StatusLabel relationship={relationship}>{label}</StatusLabel>}
      {relationship === 'NONE' && (
        <ActionButton
          action="add"
          name={name}
          disabled={busy}
          onClick={() => void run(() => people.sendRequest(publicUser(person)))}
        />
      )}
      {relationship === 'REQUEST_SENT' && <ActionButton action="cancel" {...onRequest(people.cancel)} />}
      {relationship === 'REQUEST_RECEIVED' && (
        <>
          <ActionButton action="accept" {...onRequest(people.accept)} />
          <ActionButton action="decline" {...onRequest(people.decline)} />
        </>
      )}
      {relationship === 'BLOCKED' && (
        <ActionButton
          action="unblock"
          name={name}
          disabled={busy}
          onClick={() => void run(() => people.unblock(person.id))}
        />
      )}
      <ActionError message={error} />
    </PersonActions>
  );
}

/** The row of actions beside a person, right-aligned. */
export function PersonActions({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cx(styles.actions, className)}>{children}</div>;
}

/** How the two stand, in words (green for friends, red for blocked). */
export function StatusLabel({ relationship, children }: { relationship?: Relationship; children: ReactNode }) {
  const tone = relationship === 'FRIEND' ? styles.friend : relationship === 'BLOCKED' ? styles.blocked : undefined;
  return <span className={cx(styles.status, tone)}>{children}</span>;
}
