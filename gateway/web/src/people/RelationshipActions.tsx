import { ActionError } from './ActionError';
import { useAction } from './useAction';
import { usePeople, useRelationship } from './PeopleProvider';
import { publicUser } from './peopleApi';
import type { Person, Relationship } from './types';

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
  const people = usePeople();
  const { relationship, requestId } = useRelationship(person);
  const { busy, error, run } = useAction();
  const name = person.displayName || person.username;
  const label = RELATIONSHIP_LABELS[relationship] ?? '';

  return (
    <div className="relationship-actions">
      {/* The machine-readable state, for tests and tooling; sighted users read the label and buttons. */}
      <span className="visually-hidden" aria-hidden="true" data-testid="relationship" data-relationship={relationship}>
        {relationship}
      </span>
      {label && <span className={`status-label status-${relationship.toLowerCase()}`}>{label}</span>}
      {relationship === 'NONE' && (
        <button
          type="button"
          className="button primary small"
          data-testid="add-friend"
          aria-label={`Add ${name} as a friend`}
          disabled={busy}
          onClick={() => void run(() => people.sendRequest(publicUser(person)))}
        >
          Add friend
        </button>
      )}
      {relationship === 'REQUEST_SENT' && (
        <button
          type="button"
          className="button small"
          data-testid="cancel-request"
          aria-label={`Cancel the friend request to ${name}`}
          disabled={busy || !requestId}
          onClick={() => requestId && void run(() => people.cancel(requestId))}
        >
          Cancel
        </button>
      )}
      {relationship === 'REQUEST_RECEIVED' && (
        <>
          <button
            type="button"
            className="button primary small"
            data-testid="accept-request"
            aria-label={`Accept ${name}'s friend request`}
            disabled={busy || !requestId}
            onClick={() => requestId && void run(() => people.accept(requestId))}
          >
            Accept
          </button>
          <button
            type="button"
            className="button small"
            data-testid="decline-request"
            aria-label={`Decline ${name}'s friend request`}
            disabled={busy || !requestId}
            onClick={() => requestId && void run(() => people.decline(requestId))}
          >
            Decline
          </button>
        </>
      )}
      {relationship === 'BLOCKED' && (
        <button
          type="button"
          className="button small"
          data-testid="unblock"
          aria-label={`Unblock ${name}`}
          disabled={busy}
          onClick={() => void run(() => people.unblock(person.id))}
        >
          Unblock
        </button>
      )}
      <ActionError message={error} />
    </div>
  );
}
