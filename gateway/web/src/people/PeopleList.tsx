import type { ComponentProps, ReactNode } from 'react';
import { PersonIdentity } from './PersonIdentity';
import type { PublicUser } from './store/types';
import styles from './PeopleList.module.css';

/** A framed list of people (search results, the friends page's lists). */
export function PeopleList(props: Omit<ComponentProps<'ul'>, 'className'>) {
  return <ul className={styles.list} {...props} />;
}

/** One person in a `PeopleList`: who they are, then `children` (their actions). */
export function PersonRow({
  testId,
  user,
  presence,
  busy,
  children,
}: {
  testId: string;
  user: PublicUser;
  presence?: boolean;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <li className={styles.row} data-testid={testId} aria-busy={busy || undefined}>
      <PersonIdentity user={user} presence={presence} />
      {children}
    </li>
  );
}
