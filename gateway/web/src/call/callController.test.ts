import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFakeSocket } from '../test/fakeSocket';
import { createCallController, type CallController } from './callController';

interface FakeTrack {
  kind: string;
  enabled: boolean;
  stop(): void;
  stopped?: boolean;
  getSettings?(): { deviceId?: string };
}

function track(kind: string, deviceId = `${kind}-default`): FakeTrack {
  return {
    kind,
    enabled: true,
    stop() {
      this.stopped = true;
    },
    getSettings: () => ({ deviceId }),
  };
}

class FakeStream {
  tracks: FakeTrack[] = [];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  addTrack(track: { kind: string; enabled: boolean; stop(): void }) {
    this.tracks.push(track);
  }
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

class FakePeer {
  calls: string[] = [];
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: { type: string; toJSON(): unknown } | null = null;
  signalingState: RTCSignalingState = 'stable';
  connectionState = 'new';
  ontrack: unknown = null;
  onicecandidate: unknown = null;
  onnegotiationneeded: (() => Promise<void>) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  senders: { track: FakeTrack; replaceTrack(next: FakeTrack): Promise<void> }[] = [];
  addTrack(added: FakeTrack) {
    const sender = {
      track: added,
      async replaceTrack(next: FakeTrack) {
        sender.track = next;
      },
    };
    this.senders.push(sender);
  }
  getSenders() {
    return this.senders;
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.calls.push(`remote:${description.type}`);
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async setLocalDescription() {
    const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.calls.push(`local:${type}`);
    this.localDescription = { type, toJSON: () => ({ type, sdp: `sdp-${type}` }) };
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.calls.push(`ice:${candidate.candidate}`);
  }
  restartIce() {
    this.calls.push('restartIce');
  }
  bytesReceived = 0;
  async getStats() {
    return new Map([['in', { type: 'inbound-rtp', kind: 'video', bytesReceived: this.bytesReceived }]]);
  }
  closed = false;
  close() {
    this.closed = true;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('call controller', () => {
  let controller: CallController | null = null;
  beforeAll(() => {
    (globalThis as unknown as { MediaStream: unknown }).MediaStream = FakeStream;
  });
  afterEach(() => controller?.dispose());

  function setup(
    getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>,
    getDisplayMedia?: () => Promise<MediaStream>,
  ) {
    const socket = createFakeSocket();
    const peers: FakePeer[] = [];
    controller = createCallController({
      socket,
      me: 'me',
      getDisplayMedia,
      iceServers: async () => [],
      getUserMedia:
        getUserMedia ??
        (async (c) => {
          const stream = new FakeStream();
          stream.addTrack({ kind: 'audio', enabled: true, stop() {} });
          if (c.video) stream.addTrack({ kind: 'video', enabled: true, stop() {} });
          return stream as unknown as MediaStream;
        }),
      createPeer: () => {
        const peer = new FakePeer();
        peers.push(peer);
        return peer as unknown as RTCPeerConnection;
      },
      newCallId: () => 'call-00000001',
    });
    return { socket, emit: socket.emit, sent: socket.sent, sentData: socket.sentData, peers, controller };
  }

  it('keeps candidates that come before the offer, adds them after it, in order, and answers', async () => {
    const { emit, sent, sentData, peers, controller: calls } = setup();
    emit('call.incoming', {
      callId: 'call-1234abcd',
      conversationId: 'c1',
      caller: { id: 'ada' },
      media: 'video',
      group: false,
      participants: ['ada'],
    });
    expect(calls.getState().phase).toBe('incoming');
    await calls.accept('video');
    await tick();
    expect(sent.map((f) => f.type)).toContain('call.accept');
    emit('rtc.ice', { callId: 'call-1234abcd', from: 'peer', candidate: { candidate: 'c1' } });
    emit('rtc.ice', { callId: 'call-1234abcd', from: 'peer', candidate: { candidate: 'c2' } });
    expect(peers[0].calls).toEqual([]);
    emit('rtc.offer', { callId: 'call-1234abcd', from: 'peer', sdp: { type: 'offer', sdp: 'x' } });
    await tick();
    await tick();
    expect(peers[0].calls).toEqual(['remote:offer', 'ice:c1', 'ice:c2', 'local:answer']);
    expect(sentData('rtc.answer')[0]?.sdp).toEqual({ type: 'answer', sdp: 'sdp-answer' });
    // A frame of another call is not ours.
    emit('rtc.ice', { callId: 'call-other', from: 'peer', candidate: { candidate: 'c3' } });
    await tick();
    expect(peers[0].calls).not.toContain('ice:c3');
  });

  it('lets the caller (impolite) ignore a colliding offer while the callee (polite) takes it', async () => {
    const caller = setup();
    await caller.controller.start('c1', 'bo', 'video');
    caller.emit('call.accepted', { callId: 'call-00000001' });
    await tick();
    await tick();
    const peer = caller.peers[0];
    await peer.onnegotiationneeded?.();
    expect(peer.signalingState).toBe('have-local-offer');
    caller.emit('rtc.offer', { callId: 'call-00000001', from: 'peer', sdp: { type: 'offer', sdp: 'glare' } });
    await tick();
    expect(peer.calls).toEqual(['local:offer']);
    caller.controller.dispose();

    const callee = setup();
    callee.emit('call.incoming', {
      callId: 'call-1234abcd',
      conversationId: 'c1',
      caller: { id: 'ada' },
      media: 'audio',
      group: false,
      participants: ['ada'],
    });
    await callee.controller.accept('audio');
    await tick();
    const polite = callee.peers[0];
    // The caller makes the first offer: the callee's peer, ready before it accepted, waits.
    await polite.onnegotiationneeded?.();
    expect(polite.calls).toEqual([]);
    callee.emit('rtc.offer', { callId: 'call-1234abcd', from: 'peer', sdp: { type: 'offer', sdp: 'first' } });
    await tick();
    await tick();
    // Renegotiation (say a camera added) from the callee collides with one from the caller:
    // the polite callee takes the caller's.
    await polite.onnegotiationneeded?.();
    callee.emit('rtc.offer', { callId: 'call-1234abcd', from: 'peer', sdp: { type: 'offer', sdp: 'glare' } });
    await tick();
    await tick();
    expect(polite.calls).toEqual(['remote:offer', 'local:answer', 'local:offer', 'remote:offer', 'local:answer']);
  });

  it('answers busy to a second call, and falls back to audio without a camera', async () => {
    const {
      emit,
      sentData,
      controller: calls,
    } = setup(async (c) => {
      if (c.video) throw new DOMException('no camera', 'NotFoundError');
      const stream = new FakeStream();
      stream.addTrack({ kind: 'audio', enabled: true, stop() {} });
      return stream as unknown as MediaStream;
    });
    await calls.start('c1', 'bo', 'video');
    expect(calls.getState().media).toBe('audio');
    expect(sentData('call.invite')[0]).toMatchObject({ media: 'audio', calleeId: 'bo' });
    emit('call.incoming', {
      callId: 'call-second1',
      conversationId: 'c2',
      caller: { id: 'cy' },
      media: 'video',
      group: false,
      participants: ['cy'],
    });
    await tick();
    expect(sentData('call.reject')[0]).toEqual({ callId: 'call-second1', reason: 'busy' });
    expect(calls.getState().callId).toBe('call-00000001');
    emit('call.rejected', { callId: 'call-00000001', reason: 'busy' });
    // A call of mine on another device shows here until it ends.
    emit('call.elsewhere', { callId: 'call-tablet01', conversationId: 'c3', with: 'dee', state: 'active' });
    expect(calls.getState().elsewhere).toMatchObject({ callId: 'call-tablet01', state: 'active' });
    emit('call.elsewhere', { callId: 'call-tablet01', conversationId: 'c3', with: 'dee', state: 'ended' });
    expect(calls.getState().elsewhere).toBeNull();
    expect(calls.getState().phase).toBe('ended');
    expect(calls.getState().notice).toContain('Busy');
  });

  it('switches to another microphone or camera without renegotiating, and uses it in the next call', async () => {
    const asked: MediaStreamConstraints[] = [];
    const {
      emit,
      sent,
      peers,
      controller: calls,
    } = setup(async (c) => {
      asked.push(c);
      const wanted = (kind: 'audio' | 'video') =>
        ((c[kind] as MediaTrackConstraints)?.deviceId as { exact?: string })?.exact;
      const tracks: FakeTrack[] = [];
      if (c.audio) tracks.push(track('audio', wanted('audio')));
      if (c.video) tracks.push(track('video', wanted('video')));
      return new FakeStream(tracks) as unknown as MediaStream;
    });
    localStorage.removeItem('parley.device.videoinput');
    await calls.start('c1', 'bo', 'video');
    emit('call.accepted', { callId: 'call-00000001' });
    await tick();
    await tick();
    const peer = peers[0];
    const oldCamera = peer.senders.find((s) => s.track.kind === 'video')?.track;
    void calls.toggleCamera(); // camera off: the new camera starts off too
    await calls.switchDevice('videoinput', 'cam-2');
    const sender = peer.senders.find((s) => s.track.kind === 'video');
    expect(sender?.track.getSettings?.().deviceId).toBe('cam-2');
    expect(sender?.track.enabled).toBe(false);
    expect(oldCamera?.stopped).toBe(true);
    expect(peer.calls.filter((c) => c.startsWith('local:'))).toEqual([]);
    expect(calls.getState().devices.videoinput).toBe('cam-2');
    expect(calls.getState().localStream?.getVideoTracks()).toEqual([sender?.track]);
    calls.hangup();
    sent.length = 0;
    // The next call asks for the camera chosen.
    await calls.start('c1', 'bo', 'video');
    expect(asked.at(-1)?.video).toEqual({ deviceId: { ideal: 'cam-2' } });
  });

  it('turns a camera on in an audio call, which renegotiates and makes it a video call on both sides', async () => {
    const { emit, sentData, peers, controller: calls } = setup();
    await calls.start('c1', 'bo', 'audio');
    emit('call.accepted', { callId: 'call-00000001' });
    await tick();
    await tick();
    const peer = peers[0];
    const kinds = () => peer.senders.map((s) => s.track.kind);
    expect(kinds()).toEqual(['audio']);
    await calls.toggleCamera();
    expect(kinds()).toEqual(['audio', 'video']);
    expect(calls.getState().media).toBe('video');
    expect(calls.getState().localStream?.getVideoTracks()).toHaveLength(1);
    expect(sentData('call.media').at(-1)).toMatchObject({ audio: true, video: true });
    // The other side's camera, turned on in the same way, shows here as video.
    emit('call.media', { callId: 'call-00000001', from: 'peer', audio: true, video: true, screen: false });
    expect(calls.getState()).toMatchObject({ media: 'video', remoteVideo: true });
  });

  it('joins a group call, offers to each participant, answers a newcomer as the polite end, and drops who leaves', async () => {
    const { socket, emit, sentData, peers, controller: calls } = setup();
    const callId = 'group-call-01';
    socket.reply = (type) =>
      type === 'call.join'
        ? { callId, conversationId: 'g1', media: 'video', participants: ['ada', 'me', 'bo'] }
        : undefined;
    await calls.join({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'bo'] }, 'video');
    await tick();
    await tick();
    expect(calls.getState()).toMatchObject({ phase: 'active', group: true });
    expect(calls.getState().participants.map((p) => p.userId)).toEqual(['ada', 'bo']);
    expect(peers).toHaveLength(2);
    // The newcomer makes the offers, each to its participant.
    for (const peer of peers) await peer.onnegotiationneeded?.();
    expect(sentData('rtc.offer').map((offer) => offer.to)).toEqual(['ada', 'bo']);
    emit('rtc.answer', { callId, from: 'bo', sdp: { type: 'answer', sdp: 'y' } });
    await tick();
    expect(peers[1].calls).toEqual(['local:offer', 'remote:answer']);
    expect(peers[0].calls).toEqual(['local:offer']);

    // Cy joins after this end: Cy offers, and this end answers as the polite one.
    emit('call.participant.joined', { callId, conversationId: 'g1', userId: 'cy' });
    emit('rtc.ice', { callId, from: 'cy', candidate: { candidate: 'c1' } });
    emit('rtc.offer', { callId, from: 'cy', sdp: { type: 'offer', sdp: 'x' } });
    for (let i = 0; i < 4; i++) await tick();
    expect(peers).toHaveLength(3);
    expect(peers[2].calls).toEqual(['remote:offer', 'ice:c1', 'local:answer']);
    expect(sentData('rtc.answer')[0]).toMatchObject({ callId, to: 'cy' });
    // An offer that comes before the news of its sender's join (the server relays only between participants).
    emit('rtc.offer', { callId, from: 'dee', sdp: { type: 'offer', sdp: 'x' } });
    for (let i = 0; i < 4; i++) await tick();
    expect(peers).toHaveLength(4);
    expect(calls.getState().participants.map((p) => p.userId)).toEqual(['ada', 'bo', 'cy', 'dee']);

    emit('call.media', { callId, from: 'bo', audio: false, video: true, screen: true });
    expect(calls.getState().participants.find((p) => p.userId === 'bo')).toMatchObject({ audio: false, screen: true });
    emit('call.participant.left', { callId, conversationId: 'g1', userId: 'ada' });
    expect(calls.getState().participants.map((p) => p.userId)).toEqual(['bo', 'cy', 'dee']);
    calls.hangup();
    expect(sentData('call.leave')).toEqual([{ callId }]);
    expect(calls.getState()).toMatchObject({ phase: 'idle', notice: null });
  });

  it('counts the bytes received in a group call on, also from a participant who has left', async () => {
    vi.useFakeTimers();
    try {
      const { socket, emit, peers, controller: calls } = setup();
      const callId = 'group-call-01';
      socket.reply = () => ({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'me', 'bo'] });
      await calls.join({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'bo'] }, 'video');
      peers[0].bytesReceived = 1000;
      peers[1].bytesReceived = 5000;
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls.getState().quality?.bytesReceived).toBe(6000);

      // Bo leaves while a round of stats is being read: what came from Bo stays counted, once.
      peers[1].getStats = () => new Promise((resolve) => setTimeout(() => resolve(new Map()), 500));
      await vi.advanceTimersByTimeAsync(1000);
      emit('call.participant.left', { callId, conversationId: 'g1', userId: 'bo' });
      await vi.advanceTimersByTimeAsync(500);
      expect(calls.getState().quality?.bytesReceived).toBe(6000);
      peers[0].bytesReceived = 1500;
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls.getState().quality?.bytesReceived).toBe(6500);
    } finally {
      vi.useRealTimers();
    }
  });

  it('connects anew to whoever is in a group call when its socket comes back, and to one who joins again', async () => {
    const { socket, emit, sentData, peers, controller: calls } = setup();
    const callId = 'group-call-02';
    socket.reply = () => ({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'me', 'bo'] });
    await calls.join({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'bo'] }, 'video');
    for (let i = 0; i < 3; i++) await tick();
    expect(peers).toHaveLength(2);

    // Back on a new socket: Bo left meanwhile and Cy came; new peer connections, this end offering.
    socket.reply = () => ({ callId, conversationId: 'g1', media: 'video', participants: ['ada', 'me', 'cy'] });
    socket.setStatus('connecting');
    socket.setStatus('open');
    for (let i = 0; i < 4; i++) await tick();
    expect(sentData('call.join')).toHaveLength(2);
    expect(peers.slice(0, 2).every((peer) => peer.closed)).toBe(true);
    expect(peers).toHaveLength(4);
    expect(calls.getState().participants.map((p) => p.userId)).toEqual(['ada', 'cy']);
    await peers[3].onnegotiationneeded?.();
    expect(sentData('rtc.offer').at(-1)).toMatchObject({ to: 'cy' });

    // Ada joins again (from another device): her link is made anew, by her offer.
    emit('call.participant.joined', { callId, conversationId: 'g1', userId: 'ada' });
    expect(peers[2].closed).toBe(true);
    emit('rtc.offer', { callId, from: 'ada', sdp: { type: 'offer', sdp: 'again' } });
    for (let i = 0; i < 4; i++) await tick();
    expect(peers).toHaveLength(5);
    expect(peers[4].calls).toEqual(['remote:offer', 'local:answer']);
    expect(calls.getState().participants.map((p) => p.userId)).toEqual(['ada', 'cy']);
  });

  it('rings for a group call only when free, and keeps the call in progress for the chat to join', async () => {
    const { emit, sentData, controller: calls } = setup();
    const ring = { conversationId: 'g1', caller: { id: 'ada' }, media: 'audio', group: true, participants: ['ada'] };
    emit('call.incoming', { ...ring, callId: 'group-ring-1' });
    expect(calls.getState()).toMatchObject({ phase: 'incoming', group: true });
    emit('call.participant.joined', { callId: 'group-ring-1', conversationId: 'g1', userId: 'bo' });
    expect(calls.getState().groupCalls.g1).toMatchObject({ callId: 'group-ring-1', participants: ['ada', 'bo'] });
    // The ring ends, not the call: no notice, and it can still be joined.
    emit('call.cancelled', { callId: 'group-ring-1', reason: 'missed' });
    expect(calls.getState()).toMatchObject({ phase: 'idle', notice: null });
    expect(calls.getState().groupCalls.g1?.callId).toBe('group-ring-1');
    emit('call.participant.left', { callId: 'group-ring-1', conversationId: 'g1', userId: 'ada' });
    expect(calls.getState().groupCalls.g1?.participants).toEqual(['bo']);
    emit('call.ended', { callId: 'group-ring-1', outcome: 'completed', durationSeconds: 5 });
    expect(calls.getState().groupCalls.g1).toBeUndefined();

    // Answered on another of my devices: this one stops ringing.
    emit('call.incoming', { ...ring, callId: 'group-ring-2' });
    emit('call.participant.joined', { callId: 'group-ring-2', conversationId: 'g1', userId: 'me' });
    expect(calls.getState().phase).toBe('idle');

    // A person's call takes the place of a group's ring.
    emit('call.incoming', { ...ring, callId: 'group-ring-4' });
    emit('call.incoming', { ...ring, callId: 'call-person1', conversationId: 'd1', group: false });
    expect(calls.getState()).toMatchObject({ phase: 'incoming', group: false, callId: 'call-person1' });
    expect(sentData('call.reject')).toEqual([]);
    calls.decline();

    // In a call, a group's ring neither interrupts it nor answers busy.
    await calls.start('c1', 'bo', 'video');
    emit('call.incoming', { ...ring, conversationId: 'g2', callId: 'group-ring-3' });
    expect(sentData('call.reject')).toEqual([{ callId: 'call-person1', reason: 'declined' }]);
    expect(calls.getState()).toMatchObject({ phase: 'outgoing', callId: 'call-00000001' });
    expect(calls.getState().groupCalls.g2?.callId).toBe('group-ring-3');
  });

  it('shares the screen in place of the camera, and goes back to the camera when the browser stops it', async () => {
    const listeners: (() => void)[] = [];
    const screen = {
      ...track('video', 'screen:0'),
      addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    };
    const {
      emit,
      sentData,
      peers,
      controller: calls,
    } = setup(undefined, async () => new FakeStream([screen]) as unknown as MediaStream);
    await calls.start('c1', 'bo', 'video');
    emit('call.accepted', { callId: 'call-00000001' });
    await tick();
    await tick();
    const peer = peers[0];
    const camera = peer.senders.find((s) => s.track.kind === 'video')?.track;
    await calls.toggleScreen();
    expect(peer.senders.find((s) => s.track.kind === 'video')?.track).toBe(screen);
    expect(calls.getState().screen).toBe(true);
    expect(sentData('call.media').at(-1)).toMatchObject({ screen: true });
    // No renegotiation: the camera's sender carries the screen.
    expect(peer.senders).toHaveLength(2);

    // The browser's own "Stop sharing".
    listeners.forEach((listener) => listener());
    await tick();
    expect(peer.senders.find((s) => s.track.kind === 'video')?.track).toBe(camera);
    expect(screen.stopped).toBe(true);
    expect(calls.getState()).toMatchObject({ screen: false, screenStream: null });
    expect(sentData('call.media').at(-1)).toMatchObject({ screen: false });

    // The other side's screen shows as such.
    emit('call.media', { callId: 'call-00000001', from: 'bo', audio: true, video: false, screen: true });
    expect(calls.getState()).toMatchObject({ remoteScreen: true, remoteVideo: false });
  });
});
