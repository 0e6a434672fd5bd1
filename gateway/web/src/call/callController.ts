import { FrameType, type ClientFrameData } from '../socket/protocol';
import type { ParleySocket } from '../socket/socket';
import { createState, type Store } from '../state/store';

/**
 * One-to-one calls in the browser: the call frames (docs/calls.md) and the WebRTC peer connection, with the
 * perfect-negotiation pattern (the callee is the polite peer) so that a renegotiation from either side cannot
 * glare, and ICE candidates kept until the remote description is set.
 */

export type Media = 'audio' | 'video';

export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'connecting' | 'active' | 'ended';

export interface CallQuality {
  rttMs: number | null;
  lossPercent: number | null;
  /** Media bytes received so far (all inbound streams). */
  bytesReceived: number;
  /** Whether the media goes through a TURN relay. */
  relayed: boolean;
}

export interface CallView {
  phase: CallPhase;
  callId: string | null;
  conversationId: string | null;
  peerId: string | null;
  media: Media;
  /** When the media connected (ms since epoch), for the timer. */
  connectedAt: number | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  remoteAudio: boolean;
  remoteVideo: boolean;
  reconnecting: boolean;
  quality: CallQuality | null;
  /** Why the call ended (or could not start), for people. */
  notice: string | null;
  /** Which microphone and camera the call uses (device ids; null: the browser's default). */
  devices: { audioinput: string | null; videoinput: string | null };
  /** A problem during the call that does not end it (a device that could not be switched to). */
  warning: string | null;
  /** A call of mine that rings or runs on another of my devices. */
  elsewhere: { callId: string; conversationId: string; peerId: string; state: 'ringing' | 'active' } | null;
}

const IDLE: CallView = {
  phase: 'idle',
  callId: null,
  conversationId: null,
  peerId: null,
  media: 'video',
  connectedAt: null,
  localStream: null,
  remoteStream: null,
  muted: false,
  cameraOff: false,
  remoteAudio: true,
  remoteVideo: true,
  reconnecting: false,
  quality: null,
  notice: null,
  devices: { audioinput: null, videoinput: null },
  warning: null,
  elsewhere: null,
};

export type DeviceKind = 'audioinput' | 'videoinput';

/** Where the chosen microphone and camera are remembered, for the next call too. */
const DEVICE_KEY: Record<DeviceKind, string> = {
  audioinput: 'parley.device.audioinput',
  videoinput: 'parley.device.videoinput',
};

function preferred(kind: DeviceKind): string | null {
  try {
    return localStorage.getItem(DEVICE_KEY[kind]);
  } catch {
    return null;
  }
}

function remember(kind: DeviceKind, deviceId: string) {
  try {
    localStorage.setItem(DEVICE_KEY[kind], deviceId);
  } catch {
    // Storage is off: the choice holds for this call only.
  }
}

/** The chosen device if there is one (falling back to another when it is gone), else any. */
function constraint(kind: DeviceKind): MediaTrackConstraints | boolean {
  const deviceId = preferred(kind);
  return deviceId ? { deviceId: { ideal: deviceId } } : true;
}

/** Whether a stream carries a camera's video. */
export const hasVideo = (stream: MediaStream | null) => (stream?.getVideoTracks().length ?? 0) > 0;

/** The call's media as a frame names it (a string in the protocol). */
const toMedia = (media: string): Media => (media === 'audio' ? 'audio' : 'video');

/** The frames this end sends about the current call: each carries its `callId`. */
type CallFrameType =
  | typeof FrameType.CALL_REJECT
  | typeof FrameType.CALL_CANCEL
  | typeof FrameType.CALL_HANGUP
  | typeof FrameType.CALL_MEDIA
  | typeof FrameType.RTC_OFFER
  | typeof FrameType.RTC_ANSWER
  | typeof FrameType.RTC_ICE;

export interface CallDeps {
  socket: ParleySocket;
  iceServers(): Promise<RTCIceServer[]>;
  getUserMedia?(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices?(): Promise<MediaDeviceInfo[]>;
  createPeer?(config: RTCConfiguration): RTCPeerConnection;
  newCallId?(): string;
}

export interface CallController extends Store<CallView> {
  start(conversationId: string, peerId: string, media: Media): Promise<void>;
  accept(media: Media): Promise<void>;
  decline(): void;
  hangup(): void;
  toggleMute(): void;
  /** Camera off and on again; in an audio call, turns the camera on (the call becomes a video call). */
  toggleCamera(): Promise<void>;
  /** The microphones and cameras to choose from (names show once the site may use them). */
  listDevices(): Promise<MediaDeviceInfo[]>;
  /** Switches the call to another microphone or camera, and remembers the choice. */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** Forget an ended call's notice. */
  dismiss(): void;
  dispose(): void;
}

const REJECTED: Record<string, string> = {
  busy: 'Busy: they are in another call.',
  declined: 'Call declined.',
  unavailable: 'Not available: they are offline.',
};

const ENDED: Record<string, string> = {
  completed: 'Call ended.',
  missed: 'No answer.',
  failed: 'Call failed: the connection could not be made.',
  dropped: 'Call ended: the connection was lost.',
};

export function mediaError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'Permission denied: allow the microphone (and camera) for this site.';
  if (name === 'NotFoundError') return 'No microphone or camera was found.';
  return 'Your microphone or camera could not be started.';
}

/** The fields of a `getStats()` entry read here: candidate pairs, local candidates and inbound RTP. */
interface StatsEntry {
  type: string;
  nominated?: boolean;
  state?: string;
  currentRoundTripTime?: number;
  localCandidateId?: string;
  candidateType?: string;
  packetsLost?: number;
  packetsReceived?: number;
  bytesReceived?: number;
}

export function createCallController(deps: CallDeps): CallController {
  const getUserMedia = deps.getUserMedia ?? ((c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c));
  const enumerateDevices = deps.enumerateDevices ?? (() => navigator.mediaDevices.enumerateDevices());
  const createPeer = deps.createPeer ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
  const newCallId = deps.newCallId ?? (() => `call-${crypto.randomUUID()}`);
  const state = createState<CallView>(IDLE);
  let view: CallView = IDLE; // always the state's, kept in a local for brevity (only set() changes it)
  let disposed = false;
  let peer: RTCPeerConnection | null = null;
  /** The peer connection being set up (resolves to null when there is none). */
  let peerReady: Promise<RTCPeerConnection | null> = Promise.resolve(null);
  let polite = false;
  let makingOffer = false;
  let ignoreOffer = false;
  let pendingCandidates: RTCIceCandidateInit[] = [];
  let toldConnected = false;
  let statsTimer: ReturnType<typeof setInterval> | null = null;
  let lastLoss: { lost: number; received: number } | null = null;

  const set = (changes: Partial<CallView>) => {
    view = { ...view, ...changes };
    if (!disposed) state.set(view);
  };

  /** Sends a frame about the current call (none when there is no call); a refusal is ignored. */
  function send<T extends CallFrameType>(type: T, data: Omit<ClientFrameData[T], 'callId'>): Promise<unknown> {
    const { callId } = view;
    if (!callId) return Promise.resolve();
    // `data` is the frame's data without its callId, so with it it is the whole of ClientFrameData[T].
    return deps.socket.send(type, { callId, ...data } as ClientFrameData[T]).catch(() => undefined);
  }

  function sendMedia() {
    void send(FrameType.CALL_MEDIA, {
      audio: !view.muted,
      video: hasVideo(view.localStream) && !view.cameraOff,
      connected: toldConnected,
    });
  }

  function cleanUp(notice: string | null) {
    if (statsTimer) clearInterval(statsTimer);
    statsTimer = null;
    peer?.close();
    peer = null;
    peerReady = Promise.resolve(null);
    view.localStream?.getTracks().forEach((track) => track.stop());
    pendingCandidates = [];
    makingOffer = false;
    ignoreOffer = false;
    toldConnected = false;
    lastLoss = null;
    set({ ...IDLE, phase: notice ? 'ended' : 'idle', notice });
  }

  async function localMedia(media: Media): Promise<{ stream: MediaStream; media: Media }> {
    try {
      const video = media === 'video' ? constraint('videoinput') : false;
      return { stream: await getUserMedia({ audio: constraint('audioinput'), video }), media };
    } catch (error) {
      if (media === 'video') {
        // No camera, or no permission for it: fall back to audio where possible.
        return { stream: await getUserMedia({ audio: constraint('audioinput'), video: false }), media: 'audio' };
      }
      throw error;
    }
  }

  function openPeer(isPolite: boolean): Promise<RTCPeerConnection | null> {
    polite = isPolite;
    const callId = view.callId;
    peerReady = deps.iceServers().then((iceServers) => {
      if (view.callId !== callId || peer) return peer;
      return setUpPeer(createPeer({ iceServers }));
    });
    return peerReady;
  }

  function setUpPeer(pc: RTCPeerConnection): RTCPeerConnection {
    peer = pc;
    const remote = new MediaStream();
    set({ remoteStream: remote });
    pc.ontrack = (event) => {
      remote.addTrack(event.track);
      set({ remoteStream: remote });
    };
    pc.onicecandidate = (event) => {
      if (event.candidate) void send(FrameType.RTC_ICE, { candidate: event.candidate.toJSON() });
    };
    pc.onnegotiationneeded = async () => {
      // The caller makes the first offer; the callee (polite) offers only to renegotiate.
      if (polite && !pc.remoteDescription) return;
      try {
        makingOffer = true;
        await pc.setLocalDescription();
        void send(FrameType.RTC_OFFER, { sdp: pc.localDescription?.toJSON() });
      } finally {
        makingOffer = false;
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') {
        set({ phase: 'active', reconnecting: false, connectedAt: view.connectedAt ?? Date.now() });
        if (!toldConnected) {
          toldConnected = true;
          sendMedia();
        }
        startStats(pc);
      } else if (pc.connectionState === 'disconnected' || pc.connectionState === 'failed') {
        set({ reconnecting: true });
        if (pc.connectionState === 'failed') pc.restartIce();
      }
    };
    view.localStream?.getTracks().forEach((track) => pc.addTrack(track, view.localStream as MediaStream));
    return pc;
  }

  function startStats(pc: RTCPeerConnection) {
    if (statsTimer) return;
    statsTimer = setInterval(() => {
      void pc.getStats().then((report) => {
        let rtt: number | null = null;
        let lost = 0;
        let received = 0;
        let bytes = 0;
        let relayed = false;
        report.forEach((stat: StatsEntry) => {
          if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded') {
            if (typeof stat.currentRoundTripTime === 'number') rtt = Math.round(stat.currentRoundTripTime * 1000);
            const local = stat.localCandidateId
              ? (report.get(stat.localCandidateId) as StatsEntry | undefined)
              : undefined;
            relayed = local?.candidateType === 'relay' || relayed;
          }
          if (stat.type === 'inbound-rtp') {
            lost += stat.packetsLost ?? 0;
            received += stat.packetsReceived ?? 0;
            bytes += stat.bytesReceived ?? 0;
          }
        });
        const previous = lastLoss;
        lastLoss = { lost, received };
        const dLost = previous ? lost - previous.lost : 0;
        const dReceived = previous ? received - previous.received : 0;
        const loss = dLost + dReceived > 0 ? Math.round((100 * dLost) / (dLost + dReceived)) : null;
        set({ quality: { rttMs: rtt, lossPercent: loss, bytesReceived: bytes, relayed } });
      });
    }, 2000);
  }

  async function onDescription(description: RTCSessionDescriptionInit) {
    const pc = await peerReady;
    if (!pc) return;
    const collision = description.type === 'offer' && (makingOffer || pc.signalingState !== 'stable');
    ignoreOffer = !polite && collision;
    if (ignoreOffer) return;
    await pc.setRemoteDescription(description);
    for (const candidate of pendingCandidates.splice(0)) {
      await pc.addIceCandidate(candidate).catch(() => undefined);
    }
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      void send(FrameType.RTC_ANSWER, { sdp: pc.localDescription?.toJSON() });
    }
  }

  async function onCandidate(candidate: RTCIceCandidateInit) {
    const pc = await peerReady;
    if (!pc || !pc.remoteDescription) {
      pendingCandidates.push(candidate);
      return;
    }
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      if (!ignoreOffer) throw error;
    }
  }

  function devicesOf(stream: MediaStream): CallView['devices'] {
    const idOf = (tracks: MediaStreamTrack[]) => tracks[0]?.getSettings?.().deviceId ?? null;
    return { audioinput: idOf(stream.getAudioTracks()), videoinput: idOf(stream.getVideoTracks()) };
  }

  /** A camera added to an audio call: a new track, which renegotiates (perfect negotiation, either side). */
  async function addCamera() {
    const old = view.localStream;
    let track: MediaStreamTrack;
    try {
      track = (await getUserMedia({ video: constraint('videoinput') })).getVideoTracks()[0];
    } catch (error) {
      set({ warning: mediaError(error) });
      return;
    }
    if (!old || view.localStream !== old) {
      track.stop();
      return;
    }
    const stream = new MediaStream([...old.getTracks(), track]);
    set({
      localStream: stream,
      media: 'video',
      cameraOff: false,
      warning: null,
      devices: { ...view.devices, videoinput: devicesOf(stream).videoinput },
    });
    peer?.addTrack(track, stream);
    if (peer) sendMedia();
  }

  const mine = (data: { callId?: string }) => data.callId !== undefined && data.callId === view.callId;

  const unsubscribers = [
    deps.socket.on(FrameType.CALL_INCOMING, (data) => {
      if (view.phase !== 'idle' && view.phase !== 'ended') {
        void deps.socket.send(FrameType.CALL_REJECT, { callId: data.callId, reason: 'busy' }).catch(() => undefined);
        return;
      }
      set({
        ...IDLE,
        phase: 'incoming',
        callId: data.callId,
        conversationId: data.conversationId,
        peerId: data.caller.id,
        media: toMedia(data.media),
      });
    }),
    deps.socket.on(FrameType.CALL_ACCEPTED, (data) => {
      if (!mine(data)) return;
      set({ phase: 'connecting' });
      void openPeer(false);
    }),
    deps.socket.on(FrameType.CALL_REJECTED, (data) => {
      if (mine(data)) cleanUp(REJECTED[data.reason] ?? 'Call declined.');
    }),
    deps.socket.on(FrameType.CALL_CANCELLED, (data) => {
      if (mine(data)) cleanUp(data.reason === 'missed' ? 'Missed call.' : null);
    }),
    deps.socket.on(FrameType.CALL_ANSWERED_ELSEWHERE, (data) => {
      if (mine(data)) cleanUp(null);
    }),
    deps.socket.on(FrameType.CALL_ENDED, (data) => {
      if (mine(data)) cleanUp(ENDED[data.outcome] ?? 'Call ended.');
    }),
    deps.socket.on(FrameType.CALL_ELSEWHERE, (data) => {
      if (mine(data)) return;
      const { state } = data;
      if (state === 'ringing' || state === 'active') {
        set({ elsewhere: { callId: data.callId, conversationId: data.conversationId, peerId: data.with, state } });
      } else if (view.elsewhere?.callId === data.callId) {
        set({ elsewhere: null });
      }
    }),
    deps.socket.on(FrameType.CALL_MEDIA, (data) => {
      if (!mine(data)) return;
      // The other side turned a camera on in an audio call: it is a video call now.
      set({ remoteAudio: data.audio, remoteVideo: data.video, media: data.video ? 'video' : view.media });
    }),
    // The protocol relays the SDP and ICE candidates as they are (`unknown` to it): the peer's browser made them.
    deps.socket.on(FrameType.RTC_OFFER, (data) => {
      if (mine(data)) void onDescription(data.sdp as RTCSessionDescriptionInit);
    }),
    deps.socket.on(FrameType.RTC_ANSWER, (data) => {
      if (mine(data)) void onDescription(data.sdp as RTCSessionDescriptionInit);
    }),
    deps.socket.on(FrameType.RTC_ICE, (data) => {
      if (mine(data)) void onCandidate(data.candidate as RTCIceCandidateInit);
    }),
    // Back on a new socket during a call: restart ICE, which the server takes as this end rejoining.
    deps.socket.subscribeStatus(() => {
      if (deps.socket.getStatus() === 'open' && peer && (view.phase === 'active' || view.phase === 'connecting')) {
        set({ reconnecting: true });
        peer.restartIce();
      }
    }),
  ];

  return {
    getState: state.getState,
    subscribe: state.subscribe,
    async start(conversationId, peerId, media) {
      if (view.phase !== 'idle' && view.phase !== 'ended') return;
      const callId = newCallId();
      set({ ...IDLE, phase: 'outgoing', callId, conversationId, peerId, media });
      let local: { stream: MediaStream; media: Media };
      try {
        local = await localMedia(media);
      } catch (error) {
        cleanUp(mediaError(error));
        return;
      }
      set({ localStream: local.stream, media: local.media, devices: devicesOf(local.stream) });
      try {
        await deps.socket.send(FrameType.CALL_INVITE, { callId, conversationId, calleeId: peerId, media: local.media });
      } catch (error) {
        cleanUp(error instanceof Error && error.message ? error.message : 'The call could not be placed.');
      }
    },
    async accept(media) {
      if (view.phase !== 'incoming') return;
      let local: { stream: MediaStream; media: Media };
      try {
        local = await localMedia(media);
      } catch (error) {
        void send(FrameType.CALL_REJECT, { reason: 'declined' });
        cleanUp(mediaError(error));
        return;
      }
      set({ localStream: local.stream, media: local.media, devices: devicesOf(local.stream), phase: 'connecting' });
      // Ready before the server learns of the accept: the caller's offer may follow at once.
      await openPeer(true);
      const { callId } = view;
      try {
        if (!callId) throw new Error('The call ended meanwhile.');
        await deps.socket.send(FrameType.CALL_ACCEPT, { callId });
      } catch {
        cleanUp('The call is no longer available.');
      }
    },
    decline() {
      if (view.phase !== 'incoming') return;
      void send(FrameType.CALL_REJECT, { reason: 'declined' });
      cleanUp(null);
    },
    hangup() {
      if (view.phase === 'idle' || view.phase === 'ended') return;
      void send(view.phase === 'outgoing' ? FrameType.CALL_CANCEL : FrameType.CALL_HANGUP, {});
      cleanUp(view.phase === 'outgoing' ? null : 'Call ended.');
    },
    toggleMute() {
      const muted = !view.muted;
      view.localStream?.getAudioTracks().forEach((track) => (track.enabled = !muted));
      set({ muted });
      if (peer) sendMedia();
    },
    async toggleCamera() {
      if (!hasVideo(view.localStream) && view.localStream) {
        await addCamera();
        return;
      }
      const cameraOff = !view.cameraOff;
      view.localStream?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
      set({ cameraOff });
      if (peer) sendMedia();
    },
    async listDevices() {
      try {
        const devices = await enumerateDevices();
        return devices.filter((device) => device.kind === 'audioinput' || device.kind === 'videoinput');
      } catch {
        return [];
      }
    },
    async switchDevice(kind, deviceId) {
      const old = view.localStream;
      if (!old) return;
      const trackKind = kind === 'audioinput' ? 'audio' : 'video';
      let track: MediaStreamTrack;
      try {
        const stream = await getUserMedia({ [trackKind]: { deviceId: { exact: deviceId } } });
        track = stream.getTracks()[0];
      } catch (error) {
        set({ warning: mediaError(error) });
        return;
      }
      if (view.localStream !== old) {
        // The call ended, or changed its devices, meanwhile.
        track.stop();
        return;
      }
      track.enabled = trackKind === 'audio' ? !view.muted : !view.cameraOff;
      // Same kind, new source: the sender takes the new track without a renegotiation.
      const sender = peer?.getSenders().find((s) => s.track?.kind === trackKind);
      await sender?.replaceTrack(track);
      const replaced = old.getTracks().filter((t) => t.kind === trackKind);
      replaced.forEach((t) => t.stop());
      const stream = new MediaStream([...old.getTracks().filter((t) => t.kind !== trackKind), track]);
      remember(kind, deviceId);
      set({ localStream: stream, devices: { ...view.devices, [kind]: deviceId }, warning: null });
    },
    dismiss() {
      if (view.phase === 'ended') set({ ...IDLE });
    },
    dispose() {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      cleanUp(null);
      disposed = true;
    },
  };
}
