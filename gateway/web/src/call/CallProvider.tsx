import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useCurrentSession, useServices } from '../auth/services';
import { useOptionalStore } from '../state/store';
import { createCallController, type CallController, type CallView, type GroupCall } from './callController';
import { CallOverlay } from './CallOverlay';

interface Calls {
  controller: CallController;
  view: CallView;
}

const CallContext = createContext<Calls | null>(null);

/** Calls of the signed-in user; null when signed out. */
export function useCalls(): Calls | null {
  return useContext(CallContext);
}

/**
 * One call controller per signed-in user, and the call on screen wherever they are in the app (the incoming
 * call, the call itself, or a bar to return to it).
 */
export function CallProvider({ children }: { children: ReactNode }) {
  const { api, socket } = useServices();
  const me = useCurrentSession()?.user.id ?? null;
  const controller = useMemo(
    () =>
      me
        ? createCallController({
            socket,
            me,
            groupCall: (conversationId) =>
              api
                .get<{ items: GroupCall[] }>(`/api/calls?conversationId=${encodeURIComponent(conversationId)}`)
                .then((answer) => answer.items[0] ?? null),
            iceServers: () =>
              api.get<{ iceServers: RTCIceServer[] }>('/api/rtc/ice-servers').then(
                (answer) => answer.iceServers,
                () => [],
              ),
            // Set `parley.iceTransportPolicy` to `relay` in localStorage to force calls through TURN.
            createPeer: (config) =>
              new RTCPeerConnection({
                ...config,
                iceTransportPolicy: localStorage.getItem('parley.iceTransportPolicy') === 'relay' ? 'relay' : 'all',
              }),
          })
        : null,
    [api, socket, me],
  );
  useEffect(() => () => controller?.dispose(), [controller]);
  const view = useOptionalStore(controller, (state) => state, null);
  const calls = useMemo(() => (controller && view ? { controller, view } : null), [controller, view]);
  return (
    <CallContext.Provider value={calls}>
      {children}
      {calls && <CallOverlay controller={calls.controller} view={calls.view} />}
    </CallContext.Provider>
  );
}
