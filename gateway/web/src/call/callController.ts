import { FrameType, type ClientFrameData } from '../socket/protocol';
import type { ParleySocket } from '../socket/socket';
import { createState, type Store } from '../state/store';

/**
 * Calls in the browser: the call frames (docs/calls.md) and the WebRTC peer connections. A one-to-one call has one
 * peer connection; a group call one per other participant (a mesh), each signalled with `to` and `from`. Each
 * uses the perfect-negotiation pattern (the callee, or in a group the one who was there first, is the polite
 * peer) so that a renegotiation from either side cannot glare, and keeps ICE candidates until the remote
 * description is set. Any call may share a screen instead of the camera.
 */

export type Media = 'audio' | 'video';

export type CallPhase = 'idle' | 'outgoing' | 'incoming' | 'connecting' | 'active' | 'ended';

export interface CallQuality {
  rttMs: number | null;
  lossPercent: number | null;
  /** Media bytes received so far in this call (all inbound streams, also from those since gone); never goes down. */
  bytesReceived: number;
  /** Whether the media goes through a TURN relay. */
  relayed: boolean;
}

/** Another participant of a group call, as this end sees them. */
export interface Participant {
  userId: string;
  /** Their audio and video, once their peer connection has tracks. */
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  /** They share their screen (in their video). */
  screen: boolean;
  connected: boolean;
  /** Their audio level is high now (from `getStats`). */
  speaking: boolean;
}

/** A group's call in progress that this user may join (what the chat shows as "Call in progress · Join"). */
export interface GroupCall {
  callId: string;
  conversationId: string;
  media: Media;
  participants: string[];
}

export interface CallView {
  phase: CallPhase;
  callId: string | null;
  conversationId: string | null;
  /** The other person of a one-to-one call; in a group call, who started it. */
  peerId: string | null;
  /** A group call: `participants` holds the others in it. */
  group: boolean;
  participants: Participant[];
  media: Media;
  /** When the media connected (ms since epoch), for the timer. */
  connectedAt: number | null;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  remoteAudio: boolean;
  remoteVideo: boolean;
  /** One-to-one: the other side shares its screen. */
  remoteScreen: boolean;
  /** This end shares its screen (in place of its camera): `screenStream` shows what it shares. */
  screen: boolean;
  screenStream: MediaStream | null;
  /** This end's audio level is high now. */
  speaking: boolean;
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
  /** Group calls in progress, by conversation, that this end is not in. */
  groupCalls: Record<string, GroupCall>;
}

const IDLE: CallView = {
  phase: 'idle',
  callId: null,
  conversationId: null,
  peerId: null,
  group: false,
  participants: [],
  media: 'video',
  connectedAt: null,
  localStream: null,
  remoteStream: null,
  muted: false,
  cameraOff: false,
  remoteAudio: true,
  remoteVideo: true,
  remoteScreen: false,
  screen: false,
  screenStream: null,
  speaking: false,
  reconnecting: false,
  quality: null,
  notice: null,
  devices: { audioinput: null, videoinput: null },
  warning: null,
  elsewhere: null,
  groupCalls: {},
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
  | typeof FrameType.CALL_LEAVE
  | typeof FrameType.CALL_MEDIA
  | typeof FrameType.RTC_OFFER
  | typeof FrameType.RTC_ANSWER
  | typeof FrameType.RTC_ICE;

export interface CallDeps {
  socket: ParleySocket;
  /** The signed-in user (to tell their own joins on other devices from others'). */
  me?: string;
  iceServers(): Promise<RTCIceServer[]>;
  /** The group's call in progress (`GET /api/calls`), if any. */
  groupCall?(conversationId: string): Promise<GroupCall | null>;
  getUserMedia?(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(constraints: DisplayMediaStreamOptions): Promise<MediaStream>;
  enumerateDevices?(): Promise<MediaDeviceInfo[]>;
  createPeer?(config: RTCConfiguration): RTCPeerConnection;
  newCallId?(): string;
}

export interface CallController extends Store<CallView> {
  start(conversationId: string, peerId: string, media: Media): Promise<void>;
  /** Starts a call in a group: the members ring, and may join while it lasts. */
  startGroup(conversationId: string, media: Media): Promise<void>;
  /** Joins a group's call in progress. */
  join(call: GroupCall, media: Media): Promise<void>;
  /** Looks up whether a group has a call in progress (when its chat opens). */
  watch(conversationId: string): void;
  accept(media: Media): Promise<void>;
  decline(): void;
  hangup(): void;
  toggleMute(): void;
  /** Camera off and on again; in an audio call, turns the camera on (the call becomes a video call). */
  toggleCamera(): Promise<void>;
  /** Shares the screen in place of the camera, or stops sharing it. */
  toggleScreen(): Promise<void>;
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

/** How loud (0..1, from `getStats`) counts as speaking. */
const SPEAKING_LEVEL = 0.02;

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
  kind?: string;
  audioLevel?: number;
}

/** One peer connection: to the other end of a one-to-one call, or to one other participant of a group call. */
interface Link {
  userId: string;
  pc: RTCPeerConnection | null;
  /** The peer connection being set up (resolves to null when the link was closed first). */
  ready: Promise<RTCPeerConnection | null>;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  pendingCandidates: RTCIceCandidateInit[];
  remote: MediaStream | null;
  lastLoss: { lost: number; received: number } | null;
  /** Bytes received over this link, as of its last stats. */
  bytes: number;
  closed: boolean;
}

export function createCallController(deps: CallDeps): CallController {
  const getUserMedia = deps.getUserMedia ?? ((c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c));
  const getDisplayMedia =
    deps.getDisplayMedia ?? ((c: DisplayMediaStreamOptions) => navigator.mediaDevices.getDisplayMedia(c));
  const enumerateDevices = deps.enumerateDevices ?? (() => navigator.mediaDevices.enumerateDevices());
  const createPeer = deps.createPeer ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
  const newCallId = deps.newCallId ?? (() => `call-${crypto.randomUUID()}`);
  const state = createState<CallView>(IDLE);
  let view: CallView = IDLE; // always the state's, kept in a local for brevity (only set() changes it)
  let disposed = false;
  /** The peer connections of the call, by the other participant's user id. */
  const links = new Map<string, Link>();
  let screenTrack: MediaStreamTrack | null = null;
  let toldConnected = false;
  let statsTimer: ReturnType<typeof setInterval> | null = null;
  /** Bytes received over links since closed, so that the call's count never goes back when someone leaves. */
  let closedBytes = 0;

  const set = (changes: Partial<CallView>) => {
    view = { ...view, ...changes };
    if (!disposed) state.set(view);
  };

  const inCall = () => view.phase !== 'idle' && view.phase !== 'ended';

  /** Sends a frame about the current call (none when there is no call); a refusal is ignored. */
  function send<T extends CallFrameType>(type: T, data: Omit<ClientFrameData[T], 'callId'>): Promise<unknown> {
    const { callId } = view;
    if (!callId) return Promise.resolve();
    // `data` is the frame's data without its callId, so with it it is the whole of ClientFrameData[T].
    return deps.socket.send(type, { callId, ...data } as ClientFrameData[T]).catch(() => undefined);
  }

  /** Signaling for one link: in a group call it names the participant it is for. */
  function sendTo(link: Link, type: typeof FrameType.RTC_OFFER | typeof FrameType.RTC_ANSWER, sdp: unknown): void;
  function sendTo(link: Link, type: typeof FrameType.RTC_ICE, candidate: unknown): void;
  function sendTo(link: Link, type: CallFrameType, payload: unknown) {
    const to = view.group ? { to: link.userId } : {};
    if (type === FrameType.RTC_ICE) void send(FrameType.RTC_ICE, { ...to, candidate: payload });
    else void send(type as typeof FrameType.RTC_OFFER, { ...to, sdp: payload });
  }

  function sendMedia() {
    void send(FrameType.CALL_MEDIA, {
      audio: !view.muted,
      video: hasVideo(view.localStream) && !view.cameraOff,
      screen: view.screen,
      connected: toldConnected,
    });
  }

  function closeLink(link: Link) {
    if (!link.closed) closedBytes += link.bytes;
    link.closed = true;
    link.pc?.close();
    links.delete(link.userId);
  }

  function cleanUp(notice: string | null) {
    if (statsTimer) clearInterval(statsTimer);
    statsTimer = null;
    [...links.values()].forEach(closeLink);
    view.localStream?.getTracks().forEach((track) => track.stop());
    screenTrack?.stop();
    screenTrack = null;
    toldConnected = false;
    closedBytes = 0;
    set({ ...IDLE, phase: notice ? 'ended' : 'idle', notice, elsewhere: view.elsewhere, groupCalls: view.groupCalls });
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

  /** What this end sends: its microphone, and its screen or else its camera. */
  function outgoingTracks(): MediaStreamTrack[] {
    const stream = view.localStream;
    if (!stream) return [];
    const video = screenTrack ? [screenTrack] : stream.getVideoTracks();
    return [...stream.getAudioTracks(), ...video];
  }

  function openLink(userId: string, polite: boolean): Link {
    const existing = links.get(userId);
    if (existing) return existing;
    const callId = view.callId;
    const link: Link = {
      userId,
      pc: null,
      ready: Promise.resolve(null),
      polite,
      makingOffer: false,
      ignoreOffer: false,
      pendingCandidates: [],
      remote: null,
      lastLoss: null,
      bytes: 0,
      closed: false,
    };
    links.set(userId, link);
    link.ready = deps.iceServers().then((iceServers) => {
      if (view.callId !== callId || link.closed) return null;
      return setUpPeer(link, createPeer({ iceServers }));
    });
    return link;
  }

  function updateParticipant(userId: string, changes: Partial<Participant>) {
    set({ participants: view.participants.map((p) => (p.userId === userId ? { ...p, ...changes } : p)) });
  }

  function addParticipant(userId: string) {
    if (userId === deps.me || view.participants.some((p) => p.userId === userId)) return;
    const participant: Participant = {
      userId,
      stream: null,
      audio: true,
      video: view.media === 'video',
      screen: false,
      connected: false,
      speaking: false,
    };
    set({ participants: [...view.participants, participant] });
  }

  function setUpPeer(link: Link, pc: RTCPeerConnection): RTCPeerConnection {
    link.pc = pc;
    const remote = new MediaStream();
    link.remote = remote;
    if (view.group) updateParticipant(link.userId, { stream: remote });
    else set({ remoteStream: remote });
    pc.ontrack = (event) => {
      remote.addTrack(event.track);
      if (view.group) updateParticipant(link.userId, { stream: remote });
      else set({ remoteStream: remote });
    };
    pc.onicecandidate = (event) => {
      if (event.candidate) sendTo(link, FrameType.RTC_ICE, event.candidate.toJSON());
    };
    pc.onnegotiationneeded = async () => {
      // The impolite end makes the first offer; the polite one offers only to renegotiate.
      if (link.polite && !pc.remoteDescription) return;
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        sendTo(link, FrameType.RTC_OFFER, pc.localDescription?.toJSON());
      } finally {
        link.makingOffer = false;
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') {
        if (view.group) updateParticipant(link.userId, { connected: true });
        set({ phase: 'active', reconnecting: false, connectedAt: view.connectedAt ?? Date.now() });
        if (!toldConnected) {
          toldConnected = true;
          sendMedia();
        }
        startStats();
      } else if (pc.connectionState === 'disconnected' || pc.connectionState === 'failed') {
        if (view.group) updateParticipant(link.userId, { connected: false });
        else set({ reconnecting: true });
        if (pc.connectionState === 'failed') pc.restartIce();
      }
    };
    const stream = view.localStream;
    if (stream) outgoingTracks().forEach((track) => pc.addTrack(track, stream));
    return pc;
  }

  /** Every second: the connection's quality (the worst link's) and who is speaking. */
  function startStats() {
    if (statsTimer) return;
    statsTimer = setInterval(() => {
      const open = [...links.values()].filter((link) => link.pc !== null);
      void Promise.all(
        open.map((link) => (link.pc as RTCPeerConnection).getStats().then((report) => ({ link, report }))),
      ).then((reports) => {
        let rtt: number | null = null;
        let loss: number | null = null;
        let bytes = closedBytes;
        let relayed = false;
        let speaking = false;
        const speakers = new Set<string>();
        for (const { link, report } of reports) {
          // A link closed while its stats were read has its bytes in closedBytes already.
          if (link.closed) continue;
          let lost = 0;
          let received = 0;
          let linkBytes = 0;
          report.forEach((stat: StatsEntry) => {
            if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded') {
              if (typeof stat.currentRoundTripTime === 'number') {
                rtt = Math.max(rtt ?? 0, Math.round(stat.currentRoundTripTime * 1000));
              }
              const local = stat.localCandidateId
                ? (report.get(stat.localCandidateId) as StatsEntry | undefined)
                : undefined;
              relayed = local?.candidateType === 'relay' || relayed;
            }
            if (stat.type === 'inbound-rtp') {
              lost += stat.packetsLost ?? 0;
              received += stat.packetsReceived ?? 0;
              linkBytes += stat.bytesReceived ?? 0;
              if (stat.kind === 'audio' && (stat.audioLevel ?? 0) > SPEAKING_LEVEL) speakers.add(link.userId);
            }
            if (stat.type === 'media-source' && stat.kind === 'audio' && (stat.audioLevel ?? 0) > SPEAKING_LEVEL) {
              speaking = true;
            }
          });
          link.bytes = linkBytes;
          bytes += linkBytes;
          const previous = link.lastLoss;
          link.lastLoss = { lost, received };
          const dLost = previous ? lost - previous.lost : 0;
          const dReceived = previous ? received - previous.received : 0;
          if (dLost + dReceived > 0) loss = Math.max(loss ?? 0, Math.round((100 * dLost) / (dLost + dReceived)));
        }
        if (!inCall()) return;
        set({
          quality: { rttMs: rtt, lossPercent: loss, bytesReceived: bytes, relayed },
          speaking: speaking && !view.muted,
          participants: view.participants.map((p) =>
            p.speaking === speakers.has(p.userId) ? p : { ...p, speaking: speakers.has(p.userId) },
          ),
        });
      });
    }, 1000);
  }

  async function onDescription(link: Link, description: RTCSessionDescriptionInit) {
    const pc = await link.ready;
    if (!pc) return;
    const collision = description.type === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
    link.ignoreOffer = !link.polite && collision;
    if (link.ignoreOffer) return;
    await pc.setRemoteDescription(description);
    for (const candidate of link.pendingCandidates.splice(0)) {
      await pc.addIceCandidate(candidate).catch(() => undefined);
    }
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      sendTo(link, FrameType.RTC_ANSWER, pc.localDescription?.toJSON());
    }
  }

  async function onCandidate(link: Link, candidate: RTCIceCandidateInit) {
    const pc = await link.ready;
    if (!pc || !pc.remoteDescription) {
      link.pendingCandidates.push(candidate);
      return;
    }
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      if (!link.ignoreOffer) throw error;
    }
  }

  /**
   * The link a relayed frame is for: the one link of a one-to-one call; in a group call the sender's, opened on
   * their first offer or candidate (they joined after this end, so this end is the polite one). The server relays
   * only between participants, so a sender not seen yet joined a moment ago.
   */
  function linkFrom(from: string): Link | null {
    if (!view.group) return links.values().next().value ?? null;
    const link = links.get(from);
    if (link) return link;
    addParticipant(from);
    return openLink(from, true);
  }

  function devicesOf(stream: MediaStream): CallView['devices'] {
    const idOf = (tracks: MediaStreamTrack[]) => tracks[0]?.getSettings?.().deviceId ?? null;
    return { audioinput: idOf(stream.getAudioTracks()), videoinput: idOf(stream.getVideoTracks()) };
  }

  /** A track for every link: a new one renegotiates (perfect negotiation, either side). */
  function addTrackToLinks(track: MediaStreamTrack, stream: MediaStream) {
    links.forEach((link) => link.pc?.addTrack(track, stream));
  }

  /** Puts `next` in place of the video the links send (`previous`), or adds it where none is sent. */
  async function replaceVideo(previous: MediaStreamTrack | null, next: MediaStreamTrack | null, stream: MediaStream) {
    await Promise.all(
      [...links.values()].map(async (link) => {
        const pc = link.pc;
        if (!pc) return;
        const sender = pc.getSenders().find((s) => s.track !== null && s.track === previous);
        if (sender) await sender.replaceTrack(next);
        else if (next) pc.addTrack(next, stream);
      }),
    );
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
    // While the screen is shared the camera waits, and takes over when sharing stops.
    if (!screenTrack) addTrackToLinks(track, stream);
    if (links.size > 0) sendMedia();
  }

  async function startScreen() {
    const stream = view.localStream;
    if (!stream) return;
    let track: MediaStreamTrack;
    try {
      track = (await getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0];
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      // Cancelling the browser's picker is a choice, not a problem.
      if (name !== 'NotAllowedError' && name !== 'AbortError') set({ warning: 'Your screen could not be shared.' });
      return;
    }
    if (view.localStream !== stream || screenTrack) {
      track.stop();
      return;
    }
    screenTrack = track;
    // The browser's own "Stop sharing" ends the track.
    track.addEventListener('ended', () => void stopScreen(track));
    set({ screen: true, screenStream: new MediaStream([track]), warning: null });
    await replaceVideo(stream.getVideoTracks()[0] ?? null, track, stream);
    sendMedia();
  }

  async function stopScreen(track: MediaStreamTrack | null = screenTrack) {
    if (!track || track !== screenTrack) return;
    screenTrack = null;
    track.stop();
    set({ screen: false, screenStream: null });
    const stream = view.localStream;
    if (stream) await replaceVideo(track, stream.getVideoTracks()[0] ?? null, stream);
    if (inCall()) sendMedia();
  }

  /** Into a group call (the ack names who is in it): this end offers to each of them. */
  async function enterGroup(call: GroupCall, media: Media, frame: 'invite' | 'join') {
    let local: { stream: MediaStream; media: Media };
    try {
      local = await localMedia(media);
    } catch (error) {
      cleanUp(mediaError(error));
      return;
    }
    if (view.callId !== call.callId) {
      local.stream.getTracks().forEach((track) => track.stop());
      return;
    }
    set({ localStream: local.stream, devices: devicesOf(local.stream) });
    let participants: string[];
    try {
      if (frame === 'invite') {
        // The one who starts it is alone in it; it is a video call only if the camera started.
        set({ media: local.media });
        await deps.socket.send(FrameType.CALL_INVITE, {
          callId: call.callId,
          conversationId: call.conversationId,
          media: local.media,
        });
        participants = [];
      } else {
        participants = (await deps.socket.send(FrameType.CALL_JOIN, { callId: call.callId }))?.participants ?? [];
      }
    } catch (error) {
      // Over, or full: the chat no longer offers it as it was.
      forgetGroupCall(call.callId);
      cleanUp(error instanceof Error && error.message ? error.message : 'The call could not be joined.');
      if (frame === 'join') watch(call.conversationId);
      return;
    }
    if (view.callId !== call.callId) return;
    const { [call.conversationId]: _joined, ...others } = view.groupCalls;
    set({ phase: 'active', connectedAt: Date.now(), groupCalls: others });
    connectTo(participants);
    startStats();
    sendMedia();
  }

  /**
   * Peer connections to each of the participants, this end offering (as the one who joins): on joining, and on
   * joining again after the socket came back (the others then hear that this end joined, and start anew too).
   */
  function connectTo(participants: string[]) {
    [...links.values()].forEach(closeLink);
    const others = participants.filter((userId) => userId !== deps.me);
    set({
      participants: view.participants
        .filter((p) => others.includes(p.userId))
        .map((p) => ({ ...p, stream: null, connected: false, speaking: false })),
    });
    for (const userId of others) {
      addParticipant(userId);
      openLink(userId, false);
    }
  }

  function noteGroupCall(call: GroupCall) {
    set({ groupCalls: { ...view.groupCalls, [call.conversationId]: call } });
  }

  function forgetGroupCall(callId: string) {
    const entry = Object.values(view.groupCalls).find((call) => call.callId === callId);
    if (!entry) return;
    const { [entry.conversationId]: _gone, ...rest } = view.groupCalls;
    set({ groupCalls: rest });
  }

  /** Calls seen ending: a lookup that answers after the end does not bring one back. */
  const endedCalls = new Set<string>();

  /** Asks whether the group has a call in progress, and shows it (or no longer). */
  function watch(conversationId: string) {
    if (!deps.groupCall) return;
    void deps.groupCall(conversationId).then(
      (call) => {
        if (call && call.callId !== view.callId && !endedCalls.has(call.callId)) noteGroupCall(call);
        else if (!call && view.groupCalls[conversationId]) {
          const { [conversationId]: _over, ...rest } = view.groupCalls;
          set({ groupCalls: rest });
        }
      },
      () => undefined,
    );
  }

  const mine = (data: { callId?: string }) => data.callId !== undefined && data.callId === view.callId;

  const unsubscribers = [
    deps.socket.on(FrameType.CALL_INCOMING, (data) => {
      if (data.group) {
        noteGroupCall({
          callId: data.callId,
          conversationId: data.conversationId,
          media: toMedia(data.media),
          participants: data.participants ?? [data.caller.id],
        });
        // A group call rings only someone free; the chat shows it to join later.
        if (inCall()) return;
      } else if (inCall() && !(view.phase === 'incoming' && view.group)) {
        void deps.socket.send(FrameType.CALL_REJECT, { callId: data.callId, reason: 'busy' }).catch(() => undefined);
        return;
      }
      // A person's call takes the place of a group's ring (the group's call stays in its chat to join).
      set({
        ...IDLE,
        phase: 'incoming',
        callId: data.callId,
        conversationId: data.conversationId,
        peerId: data.caller.id,
        group: Boolean(data.group),
        media: toMedia(data.media),
        elsewhere: view.elsewhere,
        groupCalls: view.groupCalls,
      });
    }),
    deps.socket.on(FrameType.CALL_ACCEPTED, (data) => {
      if (!mine(data) || view.group || !view.peerId) return;
      set({ phase: 'connecting' });
      openLink(view.peerId, false);
    }),
    deps.socket.on(FrameType.CALL_REJECTED, (data) => {
      if (mine(data)) cleanUp(REJECTED[data.reason] ?? 'Call declined.');
    }),
    deps.socket.on(FrameType.CALL_CANCELLED, (data) => {
      if (!mine(data) || view.phase !== 'incoming') return;
      // A group's ring is over, not its call: it stays in the chat to join.
      cleanUp(data.reason === 'missed' && !view.group ? 'Missed call.' : null);
    }),
    deps.socket.on(FrameType.CALL_ANSWERED_ELSEWHERE, (data) => {
      if (mine(data)) cleanUp(null);
    }),
    deps.socket.on(FrameType.CALL_ENDED, (data) => {
      endedCalls.add(data.callId);
      forgetGroupCall(data.callId);
      if (!mine(data)) return;
      if (view.group) cleanUp(view.phase === 'incoming' ? null : 'Call ended.');
      else cleanUp(ENDED[data.outcome] ?? 'Call ended.');
    }),
    deps.socket.on(FrameType.CALL_PARTICIPANT_JOINED, (data) => {
      if (mine(data) && view.phase !== 'incoming') {
        if (data.userId === deps.me) return;
        // Someone joined, or joined again (back on a new socket, or from another device): they offer anew.
        const link = links.get(data.userId);
        if (link) closeLink(link);
        if (view.participants.some((p) => p.userId === data.userId)) {
          updateParticipant(data.userId, { stream: null, connected: false, speaking: false });
        } else {
          addParticipant(data.userId);
        }
        // They learn this end's microphone, camera and screen.
        sendMedia();
        return;
      }
      if (data.userId === deps.me) {
        // In it on another device of mine: this one stops ringing, and offers no "Join".
        if (mine(data)) cleanUp(null);
        return;
      }
      const known = view.groupCalls[data.conversationId];
      const participants = known ? known.participants.filter((id) => id !== data.userId) : [];
      noteGroupCall({
        callId: data.callId,
        conversationId: data.conversationId,
        media: known?.media ?? 'video',
        participants: [...participants, data.userId],
      });
    }),
    deps.socket.on(FrameType.CALL_PARTICIPANT_LEFT, (data) => {
      if (mine(data) && view.phase !== 'incoming') {
        const link = links.get(data.userId);
        if (link) closeLink(link);
        set({ participants: view.participants.filter((p) => p.userId !== data.userId) });
        return;
      }
      const known = view.groupCalls[data.conversationId];
      if (known?.callId === data.callId) {
        noteGroupCall({ ...known, participants: known.participants.filter((id) => id !== data.userId) });
      }
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
      if (view.group) {
        updateParticipant(data.from, { audio: data.audio, video: data.video, screen: Boolean(data.screen) });
        return;
      }
      // The other side turned a camera on in an audio call: it is a video call now.
      set({
        remoteAudio: data.audio,
        remoteVideo: data.video,
        remoteScreen: Boolean(data.screen),
        media: data.video ? 'video' : view.media,
      });
    }),
    // The protocol relays the SDP and ICE candidates as they are (`unknown` to it): the peer's browser made them.
    deps.socket.on(FrameType.RTC_OFFER, (data) => {
      const link = mine(data) ? linkFrom(data.from) : null;
      if (link) void onDescription(link, data.sdp as RTCSessionDescriptionInit);
    }),
    deps.socket.on(FrameType.RTC_ANSWER, (data) => {
      const link = mine(data) ? linkFrom(data.from) : null;
      if (link) void onDescription(link, data.sdp as RTCSessionDescriptionInit);
    }),
    deps.socket.on(FrameType.RTC_ICE, (data) => {
      const link = mine(data) ? linkFrom(data.from) : null;
      if (link) void onCandidate(link, data.candidate as RTCIceCandidateInit);
    }),
    // Back on a new socket during a call: restart ICE, which the server takes as this end rejoining.
    deps.socket.subscribeStatus(() => {
      if (deps.socket.getStatus() !== 'open') return;
      // Frames may have been missed while away: the groups' calls shown are looked up again.
      Object.keys(view.groupCalls).forEach(watch);
      if (view.phase !== 'active' && view.phase !== 'connecting') return;
      if (view.group && view.callId) {
        // Take this end's place back (or join again, if it was given up meanwhile), then connect anew to
        // whoever is in the call now.
        const callId = view.callId;
        set({ reconnecting: true });
        void deps.socket
          .send(FrameType.CALL_JOIN, { callId })
          .then((ack) => {
            if (view.callId !== callId) return;
            set({ reconnecting: false });
            connectTo(ack?.participants ?? []);
          })
          .catch(() => {
            if (view.callId === callId) cleanUp('Call ended: the connection was lost.');
          });
        return;
      }
      const link = links.values().next().value;
      if (link?.pc) {
        set({ reconnecting: true });
        link.pc.restartIce();
      }
    }),
  ];

  return {
    getState: state.getState,
    subscribe: state.subscribe,
    async start(conversationId, peerId, media) {
      if (inCall()) return;
      const callId = newCallId();
      set({
        ...IDLE,
        phase: 'outgoing',
        callId,
        conversationId,
        peerId,
        media,
        elsewhere: view.elsewhere,
        groupCalls: view.groupCalls,
      });
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
    async startGroup(conversationId, media) {
      if (inCall()) return;
      const call: GroupCall = { callId: newCallId(), conversationId, media, participants: [] };
      set({
        ...IDLE,
        phase: 'connecting',
        callId: call.callId,
        conversationId,
        peerId: deps.me ?? null,
        group: true,
        media,
        elsewhere: view.elsewhere,
        groupCalls: view.groupCalls,
      });
      await enterGroup(call, media, 'invite');
    },
    async join(call, media) {
      if (inCall() && !(view.phase === 'incoming' && view.callId === call.callId)) return;
      set({
        ...IDLE,
        phase: 'connecting',
        callId: call.callId,
        conversationId: call.conversationId,
        peerId: view.callId === call.callId ? view.peerId : null,
        group: true,
        media: call.media,
        elsewhere: view.elsewhere,
        groupCalls: view.groupCalls,
      });
      await enterGroup(call, media, 'join');
    },
    watch,
    async accept(media) {
      if (view.phase !== 'incoming') return;
      if (view.group && view.callId && view.conversationId) {
        await this.join(
          { callId: view.callId, conversationId: view.conversationId, media: view.media, participants: [] },
          media,
        );
        return;
      }
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
      if (view.peerId) await openLink(view.peerId, true).ready;
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
      if (!inCall()) return;
      if (view.group) {
        void send(FrameType.CALL_LEAVE, {});
        const { callId, conversationId, media } = view;
        const remaining = view.participants.map((p) => p.userId);
        cleanUp(null);
        // The call goes on without this end: the chat offers to join it again.
        if (callId && conversationId && remaining.length > 0) {
          noteGroupCall({ callId, conversationId, media, participants: remaining });
        }
        return;
      }
      void send(view.phase === 'outgoing' ? FrameType.CALL_CANCEL : FrameType.CALL_HANGUP, {});
      cleanUp(view.phase === 'outgoing' ? null : 'Call ended.');
    },
    toggleMute() {
      const muted = !view.muted;
      view.localStream?.getAudioTracks().forEach((track) => (track.enabled = !muted));
      set({ muted, speaking: muted ? false : view.speaking });
      if (links.size > 0) sendMedia();
    },
    async toggleCamera() {
      if (!hasVideo(view.localStream) && view.localStream) {
        await addCamera();
        return;
      }
      const cameraOff = !view.cameraOff;
      view.localStream?.getVideoTracks().forEach((track) => (track.enabled = !cameraOff));
      set({ cameraOff });
      if (links.size > 0) sendMedia();
    },
    async toggleScreen() {
      if (screenTrack) await stopScreen();
      else await startScreen();
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
      const replaced = old.getTracks().filter((t) => t.kind === trackKind);
      // Same kind, new source: the senders take the new track without a renegotiation (a shared screen stays).
      if (trackKind === 'audio' || !screenTrack) {
        const senders = [...links.values()].flatMap((link) => link.pc?.getSenders() ?? []);
        await Promise.all(
          senders
            .filter((sender) => sender.track !== null && replaced.includes(sender.track))
            .map((sender) => sender.replaceTrack(track)),
        );
      }
      replaced.forEach((t) => t.stop());
      const stream = new MediaStream([...old.getTracks().filter((t) => t.kind !== trackKind), track]);
      remember(kind, deviceId);
      set({ localStream: stream, devices: { ...view.devices, [kind]: deviceId }, warning: null });
    },
    dismiss() {
      if (view.phase === 'ended') set({ ...IDLE, elsewhere: view.elsewhere, groupCalls: view.groupCalls });
    },
    dispose() {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      cleanUp(null);
      disposed = true;
    },
  };
}
