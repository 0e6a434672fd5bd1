import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { ApiError } from '../../api/errors';
import { useCurrentSession, useServices } from '../../auth/services';
import { createPeopleApi, type PeopleApi } from './peopleApi';
import { EMPTY, relationshipWith, socialReducer, type ListName, type RelationshipView, type SocialState } from './socialState';
import {
  FRIEND_FRAMES,
  type FriendAcceptedFrame,
  type FriendRemovedFrame,
  type FriendRequest,
  type FriendRequestFrame,
  type Person,
  type PublicUser,
  type RequestClosedFrame,
} from './types';

const ALL_LISTS: readonly ListName[] = ['friends', 'incoming', 'outgoing', 'blocked'];

export interface People {
  state: SocialState;
  api: PeopleApi;
  /** Fetches the lists again (all by default), e.g. after a conflict or a reconnect. */
  reload(lists?: readonly ListName[]): void;
  /** Resolves with the request; ACCEPTED when they had already asked (you are now friends). */
  sendRequest(user: PublicUser): Promise<FriendRequest>;
  accept(requestId: string): Promise<void>;
  decline(requestId: string): Promise<void>;
  cancel(requestId: string): Promise<void>;
  unfriend(userId: string): Promise<void>;
  /** Also ends the friendship and every pending request between the two. */
  block(user: PublicUser): Promise<void>;
  unblock(userId: string): Promise<void>;
}

const PeopleContext = createContext<People | null>(null);

export function usePeople(): People {
  const people = useContext(PeopleContext);
  if (!people) throw new Error('usePeople() needs a <PeopleProvider>');
  return people;
}

/** The relationship with `person` as this tab knows it, kept live by the lists and the socket frames. */
export function useRelationship(person: Pick<Person, 'id' | 'relationship' | 'requestId'>): RelationshipView {
  const { state } = usePeople();
  return relationshipWith(state, person.id, { relationship: person.relationship, requestId: person.requestId });
}

/** A failed action that means this tab's lists are out of date (the other side acted meanwhile). */
const isStale = (error: unknown) => error instanceof ApiError && [403, 404, 409].includes(error.status);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isUser = (value: unknown): value is PublicUser =>
  isObject(value) && typeof value.id === 'string' && typeof value.username === 'string';
const isRequest = (value: unknown): value is FriendRequest =>
  isObject(value) && typeof value.id === 'string' && isUser(value.user);

/**
 * The signed-in user's friends, pending requests both ways and blocks: loaded on sign-in, updated by this
 * tab's actions and by the `friend.*` socket frames, fetched again when the socket reconnects.
 */
export function PeopleProvider({ children }: { children: ReactNode }) {
  const { api: client, socket } = useServices();
  const userId = useCurrentSession()?.user.id ?? null;
  const api = useMemo(() => createPeopleApi(client), [client]);
  const [state, dispatch] = useReducer(socialReducer, EMPTY);
  const loads = useRef(new Map<ListName, AbortController>());

  const load = useCallback(
    (lists: readonly ListName[]) => {
      dispatch({ type: 'loading', lists });
      for (const list of lists) {
        loads.current.get(list)?.abort();
        const controller = new AbortController();
        loads.current.set(list, controller);
        const { signal } = controller;
        const done = () => {
          if (loads.current.get(list) === controller) loads.current.delete(list);
        };
        const failed = () => {
          if (!signal.aborted) dispatch({ type: 'failed', list });
        };
        const options = { signal };
        if (list === 'friends') {
          api.friends(options).then((items) => signal.aborted || dispatch({ type: 'loaded', list, items }), failed).finally(done);
        } else if (list === 'blocked') {
          api.blocks(options).then((items) => signal.aborted || dispatch({ type: 'loaded', list, items }), failed).finally(done);
        } else {
          api
            .requests(list, options)
            .then((items) => signal.aborted || dispatch({ type: 'loaded', list, items }), failed)
            .finally(done);
        }
      }
    },
    [api],
  );

  const abortAll = useCallback(() => {
    loads.current.forEach((controller) => controller.abort());
    loads.current.clear();
  }, []);

  // Signed in (or as someone else): load everything; signed out: forget it.
  useEffect(() => {
    dispatch({ type: 'reset' });
    if (!userId) return;
    load(ALL_LISTS);
    return abortAll;
  }, [userId, load, abortAll]);

  // Live updates from the server.
  useEffect(() => {
    if (!userId) return;
    const offs = [
      socket.on<FriendRequestFrame>(FRIEND_FRAMES.request, (data) => {
        const request = data?.request;
        if (isRequest(request)) dispatch({ type: 'requestAdded', request: { ...request, direction: 'INCOMING' } });
      }),
      socket.on<FriendAcceptedFrame>(FRIEND_FRAMES.accepted, (data) => {
        if (isUser(data?.friend)) dispatch({ type: 'friendAdded', user: data.friend });
      }),
      socket.on<FriendRemovedFrame>(FRIEND_FRAMES.removed, (data) => {
        if (typeof data?.userId === 'string') dispatch({ type: 'friendRemoved', userId: data.userId });
      }),
      socket.on<RequestClosedFrame>(FRIEND_FRAMES.cancelled, (data) => {
        if (typeof data?.requestId === 'string') dispatch({ type: 'requestGone', requestId: data.requestId });
      }),
      socket.on<RequestClosedFrame>(FRIEND_FRAMES.declined, (data) => {
        if (typeof data?.requestId === 'string') dispatch({ type: 'requestGone', requestId: data.requestId });
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [socket, userId]);

  // Frames sent while the socket was down are lost: after a reconnect, fetch the lists again.
  useEffect(() => {
    if (!userId) return;
    let last = socket.getStatus();
    let openedBefore = last === 'open';
    return socket.subscribeStatus(() => {
      const status = socket.getStatus();
      if (status === 'open' && last !== 'open') {
        if (openedBefore) load(ALL_LISTS);
        openedBefore = true;
      }
      last = status;
    });
  }, [socket, userId, load]);

  const people = useMemo<People>(() => {
    /** Runs an action; a conflict means the lists are stale, so they are fetched again before rethrowing. */
    async function act<T>(run: () => Promise<T>): Promise<T> {
      try {
        return await run();
      } catch (error) {
        if (isStale(error)) load(ALL_LISTS);
        throw error;
      }
    }
    return {
      state,
      api,
      reload: (lists = ALL_LISTS) => load(lists),
      sendRequest: (user) =>
        act(async () => {
          const answer = await api.sendRequest(user.id);
          const other = isUser(answer?.user) ? answer.user : user;
          if (answer?.status === 'ACCEPTED') dispatch({ type: 'friendAdded', user: other });
          else dispatch({ type: 'requestAdded', request: { ...answer, user: other, direction: 'OUTGOING' } });
          return answer;
        }),
      accept: (requestId) =>
        act(async () => {
          const answer = await api.accept(requestId);
          const user = isUser(answer?.user) ? answer.user : state.incoming.find((r) => r.id === requestId)?.user;
          if (user) dispatch({ type: 'friendAdded', user });
          else load(['friends', 'incoming']);
        }),
      decline: (requestId) =>
        act(async () => {
          await api.decline(requestId);
          dispatch({ type: 'requestGone', requestId });
        }),
      cancel: (requestId) =>
        act(async () => {
          await api.cancel(requestId);
          dispatch({ type: 'requestGone', requestId });
        }),
      unfriend: (id) =>
        act(async () => {
          try {
            await api.unfriend(id);
          } catch (error) {
            // Already not friends (they unfriended first): the outcome the user wanted.
            if (!(error instanceof ApiError && error.code === 'NOT_FRIENDS')) throw error;
          }
          dispatch({ type: 'friendRemoved', userId: id });
        }),
      block: (user) =>
        act(async () => {
          await api.block(user.id);
          dispatch({ type: 'blocked', user });
        }),
      unblock: (id) =>
        act(async () => {
          await api.unblock(id);
          dispatch({ type: 'unblocked', userId: id });
        }),
    };
  }, [state, api, load]);

  return <PeopleContext.Provider value={people}>{children}</PeopleContext.Provider>;
}
