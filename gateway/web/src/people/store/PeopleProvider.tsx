import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useCurrentSession, useServices } from '../../auth/services';
import { useStore } from '../../state/store';
import { createPeopleApi } from './peopleApi';
import { createPeopleStore, type PeopleStore } from './peopleStore';
import { relationshipWith, type RelationshipView, type SocialState } from './socialState';
import type { Person } from './types';

const PeopleContext = createContext<PeopleStore | null>(null);

/** The signed-in user's people store (the lists and the actions on them); only for screens shown while signed in. */
export function usePeopleStore(): PeopleStore {
  const store = useContext(PeopleContext);
  if (!store) throw new Error('usePeopleStore() needs a <PeopleProvider> and a signed-in user');
  return store;
}

/** The lists, or the part `select` picks (a part of the state or a primitive: see `useStore`). */
export function usePeople(): SocialState;
export function usePeople<T>(select: (state: SocialState) => T): T;
export function usePeople<T>(select?: (state: SocialState) => T): T | SocialState {
  return useStore<SocialState, T | SocialState>(usePeopleStore(), select ?? ((state) => state));
}

/** The relationship with `person` as this tab knows it, kept live by the lists and the socket frames. */
export function useRelationship(person: Pick<Person, 'id' | 'relationship' | 'requestId'>): RelationshipView {
  const state = usePeople();
  return relationshipWith(state, person.id, { relationship: person.relationship, requestId: person.requestId });
}

/** One people store per signed-in user, started while they are signed in. */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const { api, socket } = useServices();
  const me = useCurrentSession()?.user.id ?? null;
  const store = useMemo(
    () => (me ? createPeopleStore({ api: createPeopleApi(api), socket }) : null),
    [api, socket, me],
  );
  useEffect(() => store?.start(), [store]);
  return <PeopleContext.Provider value={store}>{children}</PeopleContext.Provider>;
}
