import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useCurrentSession, useServices } from '../../auth/services';
import { useOptionalStore, useStore } from '../../state/store';
import { useMessageNotifications } from '../notifications';
import { createChatApi } from './chatApi';
import type { ChatState } from './chatState';
import { createChatStore, type ChatStore } from './chatStore';
import { saveDrafts } from './draftStorage';
import { browserStorage, saveOutbox } from './outboxStorage';

const ChatContext = createContext<ChatStore | null>(null);

/** The signed-in user's chat store; only for screens shown while signed in. */
export function useChatStore(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error('useChatStore() needs a <ChatProvider> and a signed-in user');
  return store;
}

/** The chat state, or the part `select` picks (a part of the state or a primitive: see `useStore`). */
export function useChatState(): ChatState;
export function useChatState<T>(select: (state: ChatState) => T): T;
export function useChatState<T>(select?: (state: ChatState) => T): T | ChatState {
  const store = useChatStore();
  return useStore<ChatState, T | ChatState>(store, select ?? ((state) => state));
}

/** Like `useChatState`, for parts of the frame shown signed in or not: `fallback` when signed out. */
export function useOptionalChatState<T>(select: (state: ChatState) => T, fallback: T): T {
  return useOptionalStore(useContext(ChatContext), select, fallback);
}

/** One chat store per signed-in user, started while they are signed in. */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { api, socket, session } = useServices();
  const me = useCurrentSession()?.user.id ?? null;
  const store = useMemo(
    () => (me ? createChatStore({ api: createChatApi(api), socket, me }) : null),
    [api, socket, me],
  );
  useEffect(() => store?.start(), [store]);
  useMessageNotifications(store);

  // A sign-out the user chose forgets their unsent messages and drafts; an expired session keeps them for next time.
  const previous = useRef(me);
  useEffect(() => {
    if (previous.current && !me && session.endReason() === null) {
      saveOutbox(browserStorage(), previous.current, []);
      saveDrafts(browserStorage(), previous.current, {});
    }
    previous.current = me;
  }, [me, session]);

  return <ChatContext.Provider value={store}>{children}</ChatContext.Provider>;
}
