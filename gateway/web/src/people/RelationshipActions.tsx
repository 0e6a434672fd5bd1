import { ActionButton } from './ActionButton';
import { ActionError } from '../ui/ActionError';
import { useAction } from '../hooks/useAction';
import { usePeopleStore, useRelationship } from './store/PeopleProvider';
import { publicUser } from './store/peopleApi';
import type { Person, Relationship } from './store/types';

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
export function RelationshipActions({ person }: { person: Person }) {
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
    <div className="relationship-actions">
      {/* The machine-readable state, for tests and tooling; sighted users read the label and buttons. */}
      <span className="visually-hidden" aria-hidden="true" data-testid="relationship" data-relationship={relationship}>
        {relationship}
      </span>
      {label && <span className={`status-label status-${relationship.toLowerCase()}`}>{label}</span>}
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
    </div>
  );
}
