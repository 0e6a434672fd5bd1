import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PeopleSearch } from '../people/PeopleSearch';
import { usePeople } from '../people/PeopleProvider';
import { PersonIdentity, profilePath } from '../people/PersonIdentity';
import { PersonMenu } from '../people/PersonMenu';
import type { ListName, ListStatus } from '../people/socialState';
import type { Block, Friend, FriendRequest } from '../people/types';
import { ActionError } from '../people/ActionError';
import { useAction } from '../people/useAction';

/** Signed-in only: find people, answer and cancel friend requests, manage friends and blocks. */
export function FriendsPage() {
  const { state } = usePeople();
  return (
    <section className="panel friends-page" aria-labelledby="friends-title">
      <h1 id="friends-title">Friends</h1>
      <PeopleSearch />

      <PeopleSection
        id="incoming"
        title="Friend requests"
        count={state.incoming.length}
        list="incoming"
        status={state.status.incoming}
        empty="No one is waiting for an answer."
      >
        {state.incoming.map((request) => (
          <IncomingItem key={request.id} request={request} />
        ))}
      </PeopleSection>

      <PeopleSection
        id="outgoing"
        title="Sent requests"
        count={state.outgoing.length}
        list="outgoing"
        status={state.status.outgoing}
        empty="You have no requests waiting."
      >
        {state.outgoing.map((request) => (
          <OutgoingItem key={request.id} request={request} />
        ))}
      </PeopleSection>

      <PeopleSection
        id="friends"
        title="Your friends"
        count={state.friends.length}
        list="friends"
        status={state.status.friends}
        empty="No friends yet. Search for people above to add some."
      >
        {state.friends.map((friend) => (
          <FriendItem key={friend.user.id} friend={friend} />
        ))}
      </PeopleSection>

      <PeopleSection
        id="blocked"
        title="Blocked"
        count={state.blocked.length}
        list="blocked"
        status={state.status.blocked}
        empty="You have not blocked anyone."
      >
        {state.blocked.map((block) => (
          <BlockedItem key={block.user.id} block={block} />
        ))}
      </PeopleSection>
    </section>
  );
}

function PeopleSection(props: {
  id: string;
  title: string;
  count: number;
  list: ListName;
  status: ListStatus;
  empty: string;
  children: ReactNode;
}) {
  const { reload } = usePeople();
  const titleId = `${props.id}-title`;
  let body: ReactNode;
  if (props.count > 0) {
    body = (
      <ul className="people-list" data-testid={`${props.id}-section-list`}>
        {props.children}
      </ul>
    );
  } else if (props.status === 'loading') {
    body = <p className="muted small">Loading…</p>;
  } else if (props.status === 'error') {
    body = (
      <p className="alert alert-error" role="alert">
        This list could not be loaded.{' '}
        <button type="button" className="button link" onClick={() => reload([props.list])}>
          Try again
        </button>
      </p>
    );
  } else {
    body = <p className="muted small">{props.empty}</p>;
  }
  return (
    <section className="people-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{props.count > 0 ? `${props.title} (${props.count})` : props.title}</h2>
      {body}
    </section>
  );
}

function IncomingItem({ request }: { request: FriendRequest }) {
  const { accept, decline } = usePeople();
  const { busy, error, run } = useAction();
  const name = request.user.displayName || request.user.username;
  return (
    <li className="person-row" data-testid={`incoming-${request.user.username}`}>
      <PersonIdentity user={request.user} />
      <div className="relationship-actions">
        <button
          type="button"
          className="button primary small"
          data-testid="accept-request"
          aria-label={`Accept ${name}'s friend request`}
          disabled={busy}
          onClick={() => void run(() => accept(request.id))}
        >
          Accept
        </button>
        <button
          type="button"
          className="button small"
          data-testid="decline-request"
          aria-label={`Decline ${name}'s friend request`}
          disabled={busy}
          onClick={() => void run(() => decline(request.id))}
        >
          Decline
        </button>
        <ActionError message={error} />
      </div>
    </li>
  );
}

function OutgoingItem({ request }: { request: FriendRequest }) {
  const { cancel } = usePeople();
  const { busy, error, run } = useAction();
  const name = request.user.displayName || request.user.username;
  return (
    <li className="person-row" data-testid={`outgoing-${request.user.username}`}>
      <PersonIdentity user={request.user} />
      <div className="relationship-actions">
        <span className="status-label">Request sent</span>
        <button
          type="button"
          className="button small"
          data-testid="cancel-request"
          aria-label={`Cancel the friend request to ${name}`}
          disabled={busy}
          onClick={() => void run(() => cancel(request.id))}
        >
          Cancel
        </button>
        <ActionError message={error} />
      </div>
    </li>
  );
}

function FriendItem({ friend }: { friend: Friend }) {
  const { unfriend, block } = usePeople();
  const navigate = useNavigate();
  const { busy, error, run } = useAction();
  const { user } = friend;
  const name = user.displayName || user.username;
  return (
    <li className="person-row" data-testid={`friends-item-${user.username}`} aria-busy={busy || undefined}>
      <PersonIdentity user={user} presence />
      <div className="relationship-actions">
        <PersonMenu
          label={`More for ${name}`}
          items={[
            { label: 'View profile', testId: 'menu-view-profile', onSelect: () => void navigate(profilePath(user.id)) },
            { label: 'Unfriend', testId: 'menu-unfriend', onSelect: () => void run(() => unfriend(user.id)) },
            { label: 'Block', testId: 'menu-block', danger: true, onSelect: () => void run(() => block(user)) },
          ]}
        />
        <ActionError message={error} />
      </div>
    </li>
  );
}

function BlockedItem({ block }: { block: Block }) {
  const { unblock } = usePeople();
  const { busy, error, run } = useAction();
  const { user } = block;
  return (
    <li className="person-row" data-testid={`blocked-${user.username}`}>
      <PersonIdentity user={user} />
      <div className="relationship-actions">
        <button
          type="button"
          className="button small"
          data-testid="unblock"
          aria-label={`Unblock ${user.displayName || user.username}`}
          disabled={busy}
          onClick={() => void run(() => unblock(user.id))}
        >
          Unblock
        </button>
        <ActionError message={error} />
      </div>
    </li>
  );
}
