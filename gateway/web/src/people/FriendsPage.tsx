import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { profilePath } from '../app/routes';
import { OpenChatButton } from '../chat/OpenChatButton';
import { useAction } from '../hooks/useAction';
import { ActionError } from '../ui/ActionError';
import { Menu } from '../ui/Menu';
import { alert, button, cx, panel, text } from '../ui/styles/classes';
import { ActionButton } from './ActionButton';
import { PeopleList, PersonRow } from './PeopleList';
import { PeopleSearch } from './PeopleSearch';
import { PersonActions, StatusLabel } from './RelationshipActions';
import { usePeople, usePeopleStore } from './store/PeopleProvider';
import type { ListName } from './store/socialState';
import type { Block, Friend, FriendRequest, PublicUser } from './store/types';
import styles from './FriendsPage.module.css';

/** Signed-in only: find people, answer and cancel friend requests, manage friends and blocks. */
export function FriendsPage() {
  const state = usePeople();
  return (
    <section className={cx(panel.panel, styles.page)} aria-labelledby="friends-title">
      <h1 id="friends-title">Friends</h1>
      <PeopleSearch />
      <PeopleSection list="incoming" title="Friend requests" empty="No one is waiting for an answer.">
        {state.incoming.map((request) => (
          <IncomingItem key={request.id} request={request} />
        ))}
      </PeopleSection>
      <PeopleSection list="outgoing" title="Sent requests" empty="You have no requests waiting.">
        {state.outgoing.map((request) => (
          <OutgoingItem key={request.id} request={request} />
        ))}
      </PeopleSection>
      <PeopleSection list="friends" title="Your friends" empty="No friends yet. Search for people above to add some.">
        {state.friends.map((friend) => (
          <FriendItem key={friend.user.id} friend={friend} />
        ))}
      </PeopleSection>
      <PeopleSection list="blocked" title="Blocked" empty="You have not blocked anyone.">
        {state.blocked.map((block) => (
          <BlockedItem key={block.user.id} block={block} />
        ))}
      </PeopleSection>
    </section>
  );
}

/** One of the four lists, titled with its count; while empty: loading, an error with "Try again", or `empty`. */
function PeopleSection(props: { list: ListName; title: string; empty: string; children: ReactNode }) {
  const { list, title, empty, children } = props;
  const { reload } = usePeopleStore();
  const count = usePeople((s) => s[list].length);
  const status = usePeople((s) => s.status[list]);
  const titleId = `${list}-title`;
  let body: ReactNode;
  if (count > 0) {
    body = <PeopleList data-testid={`${list}-section-list`}>{children}</PeopleList>;
  } else if (status === 'loading') {
    body = <p className={cx(text.muted, text.small)}>Loading…</p>;
  } else if (status === 'error') {
    body = (
      <p className={alert('error')} role="alert">
        This list could not be loaded.{' '}
        <button type="button" className={button('link')} onClick={() => reload([list])}>
          Try again
        </button>
      </p>
    );
  } else {
    body = <p className={cx(text.muted, text.small)}>{empty}</p>;
  }
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{count > 0 ? `${title} (${count})` : title}</h2>
      {body}
    </section>
  );
}

/** A person in one of the lists, with `children` as their actions and the last action's error. */
function ListedPerson({
  error,
  children,
  ...row
}: {
  testId: string;
  user: PublicUser;
  error: string | null;
  presence?: boolean;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <PersonRow {...row}>
      <PersonActions>
        {children}
        <ActionError message={error} />
      </PersonActions>
    </PersonRow>
  );
}

const nameOf = (user: PublicUser) => user.displayName || user.username;

function IncomingItem({ request }: { request: FriendRequest }) {
  const { accept, decline } = usePeopleStore();
  const { busy, error, run } = useAction();
  const name = nameOf(request.user);
  return (
    <ListedPerson testId={`incoming-${request.user.username}`} user={request.user} error={error}>
      <ActionButton action="accept" name={name} disabled={busy} onClick={() => void run(() => accept(request.id))} />
      <ActionButton action="decline" name={name} disabled={busy} onClick={() => void run(() => decline(request.id))} />
    </ListedPerson>
  );
}

function OutgoingItem({ request }: { request: FriendRequest }) {
  const { cancel } = usePeopleStore();
  const { busy, error, run } = useAction();
  return (
    <ListedPerson testId={`outgoing-${request.user.username}`} user={request.user} error={error}>
      <StatusLabel>Request sent</StatusLabel>
      <ActionButton
        action="cancel"
        name={nameOf(request.user)}
        disabled={busy}
        onClick={() => void run(() => cancel(request.id))}
      />
    </ListedPerson>
  );
}

function FriendItem({ friend }: { friend: Friend }) {
  const { unfriend, block } = usePeopleStore();
  const navigate = useNavigate();
  const { busy, error, run } = useAction();
  const { user } = friend;
  return (
    <ListedPerson testId={`friends-item-${user.username}`} user={user} error={error} presence busy={busy}>
      <OpenChatButton userId={user.id} name={nameOf(user)} />
      <Menu
        label={`More for ${nameOf(user)}`}
        items={[
          { label: 'View profile', testId: 'menu-view-profile', onSelect: () => void navigate(profilePath(user.id)) },
          { label: 'Unfriend', testId: 'menu-unfriend', onSelect: () => void run(() => unfriend(user.id)) },
          { label: 'Block', testId: 'menu-block', danger: true, onSelect: () => void run(() => block(user)) },
        ]}
      />
    </ListedPerson>
  );
}

function BlockedItem({ block }: { block: Block }) {
  const { unblock } = usePeopleStore();
  const { busy, error, run } = useAction();
  const { user } = block;
  return (
    <ListedPerson testId={`blocked-${user.username}`} user={user} error={error}>
      <ActionButton
        action="unblock"
        name={nameOf(user)}
        disabled={busy}
        onClick={() => void run(() => unblock(user.id))}
      />
    </ListedPerson>
  );
}
