import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useCurrentSession, useServices } from '../../auth/services';
import { createChatApi } from './chatApi';
import type { ChatState } from './chatState';
import { createChatStore, type ChatStore } from './chatStore';
import { browserStorage, saveOutbox } from './outboxStorage';

export interface Chat {
  store: ChatStore;
  state: ChatState;
  me: string;
}

const ChatContext = createContext<Chat | null>(null);

/** The signed-in user's conversations; only for screens shown while signed in. */
export function useChat(): Chat {
  const chat = useContext(ChatContext);
  if (!chat) throw new Error('useChat() needs a <ChatProvider> and a signed-in user');
  return chat;
}

/** The chat state when signed in, else null (for parts of the frame shown either way). */
export function useOptionalChat(): Chat | null {
  return useContext(ChatContext);
}

const noop = () => () => undefined;

/** One chat store per signed-in user, started while they are signed in. */
export function ChatProvider({ children }: { children: ReactNode }) {
  const { api, socket, session } = useServices();
  const me = useCurrentSession()?.user.id ?? null;
  const store = useMemo(() => (me ? createChatStore({ api: createChatApi(api), socket, me }) : null), [api, socket, me]);
  useEffect(() => store?.start(), [store]);

  // A sign-out the user chose forgets their unsent messages; an expired session keeps them for next time.
  const previous = useRef(me);
  useEffect(() => {
    if (previous.current && !me && session.endReason() === null) saveOutbox(browserStorage(), previous.current, []);
    previous.current = me;
  }, [me, session]);

  const subscribe = useCallback((listener: () => void) => (store ? store.subscribe(listener) : noop()), [store]);
  const getState = useCallback(() => store?.getState() ?? null, [store]);
  const state = useSyncExternalStore(subscribe, getState);
  const chat = useMemo(() => (store && state && me ? { store, state, me } : null), [store, state, me]);
  return <ChatContext.Provider value={chat}>{children}</ChatContext.Provider>;
}
