import { ApiError } from '../../api/errors';
import {
  FrameType,
  type ServerFriendAccepted,
  type ServerFriendRemoved,
  type ServerFriendRequest,
  type ServerFriendRequestEnded,
  type ServerFriendUpdated,
  type ServerIncomingRequest,
} from '../../socket/protocol';
import type { ParleySocket } from '../../socket/socket';
import { createState, type Store } from '../../state/store';
import type { PeopleApi } from './peopleApi';
import { EMPTY, socialReducer, type ListName, type SocialAction, type SocialState } from './socialState';
import type { FriendRequest, PublicUser } from './types';

const ALL_LISTS: readonly ListName[] = ['friends', 'incoming', 'outgoing', 'blocked'];

export interface PeopleStoreOptions {
  api: PeopleApi;
  socket: ParleySocket;
}

/**
 * The signed-in user's friends, pending requests both ways and blocks: loaded on start, updated by this tab's
 * actions and by the `friend.*` socket frames, fetched again when the socket reconnects. One per signed-in user.
 */
export interface PeopleStore extends Store<SocialState> {
  /** The people calls, for what is not kept here (search, profiles). */
  api: PeopleApi;
  /** Loads the lists and listens to the socket; returns stop(). */
  start(): () => void;
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

/** A failed action that means this tab's lists are out of date (the other side acted meanwhile). */
const isStale = (error: unknown) => error instanceof ApiError && [403, 404, 409].includes(error.status);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isUser = (value: unknown): value is PublicUser =>
  isObject(value) && typeof value.id === 'string' && typeof value.username === 'string';
const isRequest = (value: unknown): value is ServerIncomingRequest<PublicUser> =>
  isObject(value) && typeof value.id === 'string' && isUser(value.user);
const str = (value: unknown): value is string => typeof value === 'string';

// The `friend.*` frames, each checked before use (a malformed one is dropped) and typed by its generated interface
// with the app's PublicUser for the person it carries.
const toFriendRequest = (data: unknown): ServerFriendRequest<PublicUser> | null =>
  isObject(data) && isRequest(data.request) ? { request: data.request } : null;
const toFriendAccepted = (data: unknown): ServerFriendAccepted<PublicUser> | null =>
  isObject(data) && isUser(data.friend) ? { friend: data.friend } : null;
const toFriendUpdated = (data: unknown): ServerFriendUpdated<PublicUser> | null =>
  isObject(data) && isUser(data.user) ? { user: data.user } : null;
const toFriendRemoved = (data: unknown): ServerFriendRemoved | null =>
  isObject(data) && str(data.userId) ? { userId: data.userId } : null;
const toRequestEnded = (data: unknown): ServerFriendRequestEnded | null =>
  isObject(data) && str(data.requestId) ? { requestId: data.requestId } : null;

export function createPeopleStore({ api, socket }: PeopleStoreOptions): PeopleStore {
  const state = createState<SocialState>(EMPTY);
  const loads = new Map<ListName, AbortController>();
  const dispatch = (action: SocialAction) => state.set(socialReducer(state.getState(), action));

  function fetchList(list: ListName, signal: AbortSignal): Promise<SocialAction> {
    if (list === 'friends') return api.friends({ signal }).then((items) => ({ type: 'loaded', list, items }));
    if (list === 'blocked') return api.blocks({ signal }).then((items) => ({ type: 'loaded', list, items }));
    return api.requests(list, { signal }).then((items) => ({ type: 'loaded', list, items }));
  }

  /** Fetches `lists`, each replacing a request for the same list still in flight. */
  function load(lists: readonly ListName[]) {
    dispatch({ type: 'loading', lists });
    for (const list of lists) {
      loads.get(list)?.abort();
      const controller = new AbortController();
      loads.set(list, controller);
      const { signal } = controller;
      fetchList(list, signal)
        .then(
          (loaded) => signal.aborted || dispatch(loaded),
          () => signal.aborted || dispatch({ type: 'failed', list }),
        )
        .finally(() => {
          if (loads.get(list) === controller) loads.delete(list);
        });
    }
  }

  function abortAll() {
    loads.forEach((controller) => controller.abort());
    loads.clear();
  }

  /** Live updates from the server, each checked first (a malformed frame is dropped). */
  function listen(): (() => void)[] {
    const requestEnded = (data: unknown) => {
      const frame = toRequestEnded(data);
      if (frame) dispatch({ type: 'requestGone', requestId: frame.requestId });
    };
    return [
      socket.on(FrameType.FRIEND_REQUEST, (data) => {
        const frame = toFriendRequest(data);
        if (frame) dispatch({ type: 'requestAdded', request: { ...frame.request, direction: 'INCOMING' } });
      }),
      socket.on(FrameType.FRIEND_ACCEPTED, (data) => {
        const frame = toFriendAccepted(data);
        if (frame) dispatch({ type: 'friendAdded', user: frame.friend });
      }),
      socket.on(FrameType.FRIEND_UPDATED, (data) => {
        const frame = toFriendUpdated(data);
        if (frame) dispatch({ type: 'userUpdated', user: frame.user });
      }),
      socket.on(FrameType.FRIEND_REMOVED, (data) => {
        const frame = toFriendRemoved(data);
        if (frame) dispatch({ type: 'friendRemoved', userId: frame.userId });
      }),
      socket.on(FrameType.FRIEND_REQUEST_CANCELLED, requestEnded),
      socket.on(FrameType.FRIEND_REQUEST_DECLINED, requestEnded),
      watchConnection(),
    ];
  }

  /** Frames sent while the socket was down are lost: after a reconnect, fetch the lists again. */
  function watchConnection(): () => void {
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
  }

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
    getState: state.getState,
    subscribe: state.subscribe,
    api,
    start() {
      dispatch({ type: 'reset' });
      load(ALL_LISTS);
      const offs = listen();
      return () => {
        offs.forEach((off) => off());
        abortAll();
      };
    },
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
        const user = isUser(answer?.user)
          ? answer.user
          : state.getState().incoming.find((r) => r.id === requestId)?.user;
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
    unfriend: (userId) =>
      act(async () => {
        try {
          await api.unfriend(userId);
        } catch (error) {
          // Already not friends (they unfriended first): the outcome the user wanted.
          if (!(error instanceof ApiError && error.code === 'NOT_FRIENDS')) throw error;
        }
        dispatch({ type: 'friendRemoved', userId });
      }),
    block: (user) =>
      act(async () => {
        await api.block(user.id);
        dispatch({ type: 'blocked', user });
      }),
    unblock: (userId) =>
      act(async () => {
        await api.unblock(userId);
        dispatch({ type: 'unblocked', userId });
      }),
  };
}
