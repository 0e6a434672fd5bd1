import { useEffect, useRef, useState } from 'react';
import { useOptionalChatState } from '../chat/store/ChatProvider';
import { callDuration, nameOf } from '../chat/store/selectors';
import type { UserSummary } from '../chat/store/types';
import { Avatar } from '../ui/Avatar';
import { button, cx, text } from '../ui/styles/classes';
import { hasVideo, type CallController, type CallView, type DeviceKind } from './callController';
import { askForCallNotifications } from './notifications';
import { useTone } from './tones';
import styles from './CallOverlay.module.css';

function Video({
  stream,
  muted,
  testId,
  className,
}: {
  stream: MediaStream | null;
  muted: boolean;
  testId: string;
  className: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && element.srcObject !== stream) {
      element.srcObject = stream;
      if (stream) void element.play().catch(() => undefined);
    }
  });
  return <video ref={ref} className={className} data-testid={testId} autoPlay playsInline muted={muted} />;
}

function useElapsed(since: number | null): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? '' : callDuration(Math.max(0, Math.floor((now - since) / 1000)));
}

/** The other person, from the chat's members ("Someone" until the chat knows them). */
function usePeer(view: Pick<CallView, 'conversationId' | 'peerId'>): UserSummary {
  const { conversationId } = view;
  const conversation = useOptionalChatState(
    (s) => (conversationId ? s.conversations[conversationId]?.conversation : undefined),
    undefined,
  );
  const member = conversation?.members.find((m) => m.user.id === view.peerId);
  const peer = member?.user ?? (conversation?.peer?.id === view.peerId ? conversation?.peer : undefined);
  return peer ?? { id: view.peerId ?? 'call', username: 'Someone', displayName: 'Someone' };
}

function IncomingCall({ controller, view, peer }: { controller: CallController; view: CallView; peer: UserSummary }) {
  const name = nameOf(peer);
  useEffect(() => {
    if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
      const notice = new Notification(`${name} is calling`, {
        body: view.media === 'video' ? 'Video call' : 'Audio call',
        tag: 'parley-call',
      });
      notice.onclick = () => window.focus();
      return () => notice.close();
    }
  }, [name, view.media]);
  const accept = (media: CallView['media']) => {
    askForCallNotifications();
    void controller.accept(media);
  };
  return (
    <div
      className={styles.incoming}
      role="alertdialog"
      aria-labelledby="call-incoming-title"
      data-testid="call-incoming"
    >
      <div className={styles.caller}>
        <Avatar user={peer} size="lg" />
        <p id="call-incoming-title" className={styles.title}>
          {name}
        </p>
      </div>
      <p className={text.muted}>Incoming {view.media === 'video' ? 'video' : 'audio'} call…</p>
      <div className={styles.actions}>
        {view.media === 'video' && (
          <button
            type="button"
            className={button('primary')}
            data-testid="call-accept-video"
            onClick={() => accept('video')}
          >
            Accept with video
          </button>
        )}
        <button type="button" className={button()} data-testid="call-accept-audio" onClick={() => accept('audio')}>
          Accept {view.media === 'video' ? 'audio only' : ''}
        </button>
        <button
          type="button"
          className={button('danger')}
          data-testid="call-decline"
          onClick={() => controller.decline()}
        >
          Decline
        </button>
      </div>
    </div>
  );
}

const DEVICE_LABEL: Record<DeviceKind, string> = { audioinput: 'Microphone', videoinput: 'Camera' };

/** Choose the microphone and camera of the running call. */
function DevicePicker({ controller, view }: { controller: CallController; view: CallView }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void controller.listDevices().then((found) => live && setDevices(found));
    load();
    navigator.mediaDevices?.addEventListener?.('devicechange', load);
    return () => {
      live = false;
      navigator.mediaDevices?.removeEventListener?.('devicechange', load);
    };
  }, [controller]);
  if (!devices) return null;
  const kinds: DeviceKind[] = hasVideo(view.localStream) ? ['audioinput', 'videoinput'] : ['audioinput'];
  return (
    <div className={styles.devices} data-testid="call-devices">
      {kinds.map((kind) => {
        const choices = devices.filter((device) => device.kind === kind);
        return (
          <label key={kind}>
            {DEVICE_LABEL[kind]}
            <select
              data-testid={`call-device-${kind}`}
              value={view.devices[kind] ?? ''}
              onChange={(event) => void controller.switchDevice(kind, event.target.value)}
            >
              {!choices.some((device) => device.deviceId === view.devices[kind]) && <option value="">Default</option>}
              {choices.map((device, index) => (
                <option key={device.deviceId || index} value={device.deviceId}>
                  {device.label || `${DEVICE_LABEL[kind]} ${index + 1}`}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}

function ActiveCall({
  controller,
  view,
  peer,
  onMinimize,
}: {
  controller: CallController;
  view: CallView;
  peer: UserSummary;
  onMinimize: () => void;
}) {
  const name = nameOf(peer);
  const elapsed = useElapsed(view.connectedAt);
  const status =
    view.phase === 'outgoing'
      ? 'Ringing…'
      : view.phase === 'connecting'
        ? 'Connecting…'
        : view.reconnecting
          ? 'Reconnecting…'
          : elapsed;
  const quality = view.quality;
  const [picking, setPicking] = useState(false);
  const remoteVideo = view.media === 'video' && view.remoteVideo;
  const localVideo = hasVideo(view.localStream);
  const poor = quality && ((quality.rttMs ?? 0) > 400 || (quality.lossPercent ?? 0) > 5);
  return (
    <div
      className={styles.screen}
      role="dialog"
      aria-label={`Call with ${name}`}
      data-testid="call-screen"
      data-phase={view.phase}
      data-bytes-received={quality?.bytesReceived ?? 0}
      data-relayed={String(quality?.relayed ?? false)}
    >
      <div className={styles.stage}>
        {!remoteVideo && <Avatar user={peer} className={styles.avatar} />}
        {/* One element for the other side's audio and video, hidden while there is no picture. */}
        <Video
          stream={view.remoteStream}
          muted={false}
          testId="remote-video"
          className={cx(styles.remote, !remoteVideo && styles.hiddenVideo)}
        />
        {localVideo && <Video stream={view.localStream} muted testId="local-video" className={styles.local} />}
      </div>
      <div className={styles.info}>
        <p className={styles.title}>{name}</p>
        <p className={cx(text.muted, styles.muted)} data-testid="call-status">
          {status}
        </p>
        {!view.remoteAudio && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="remote-muted">
            {name} is muted
          </p>
        )}
        {view.media === 'video' && !view.remoteVideo && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="remote-camera-off">
            {name}'s camera is off
          </p>
        )}
        {quality?.relayed && <p className={cx(text.muted, text.small, styles.muted)}>Through a relay server</p>}
        {view.warning && (
          <p className={cx(text.muted, text.small, styles.muted)} role="alert" data-testid="call-warning">
            {view.warning}
          </p>
        )}
        {poor && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="call-quality">
            Poor connection{quality?.rttMs !== null ? ` (${quality?.rttMs} ms)` : ''}
          </p>
        )}
      </div>
      <div className={styles.actions}>
        <button
          type="button"
          className={button()}
          data-testid="call-mute"
          aria-pressed={view.muted}
          onClick={() => controller.toggleMute()}
        >
          {view.muted ? 'Unmute' : 'Mute'}
        </button>
        <button
          type="button"
          className={button()}
          data-testid="call-camera"
          aria-pressed={!localVideo || view.cameraOff}
          onClick={() => void controller.toggleCamera()}
        >
          {localVideo && !view.cameraOff ? 'Camera off' : 'Camera on'}
        </button>
        <button
          type="button"
          className={button()}
          data-testid="call-devices-toggle"
          aria-expanded={picking}
          onClick={() => setPicking(!picking)}
        >
          Devices
        </button>
        <button type="button" className={button()} data-testid="call-minimize" onClick={onMinimize}>
          Back to chats
        </button>
        <button
          type="button"
          className={button('danger')}
          data-testid="call-hangup"
          onClick={() => controller.hangup()}
        >
          {view.phase === 'outgoing' ? 'Cancel' : 'Hang up'}
        </button>
      </div>
      {picking && <DevicePicker controller={controller} view={view} />}
    </div>
  );
}

/** What a call shows, over whatever page the user is on. */
export function CallOverlay({ controller, view }: { controller: CallController; view: CallView }) {
  const peer = usePeer(view);
  const name = nameOf(peer);
  const elsewhereName = nameOf(usePeer(view.elsewhere ?? { conversationId: null, peerId: null }));
  // Minimized is a choice about one call: the next call (a new id) or none shows in full again.
  const [minimizedCall, setMinimizedCall] = useState<string | null>(null);
  const minimized = minimizedCall !== null && minimizedCall === view.callId;
  useTone(view.phase === 'incoming' ? 'ring' : view.phase === 'outgoing' ? 'ringback' : null);
  if (view.phase === 'idle') {
    if (!view.elsewhere) return null;
    return (
      <p className={styles.notice} role="status" data-testid="call-elsewhere">
        {view.elsewhere.state === 'ringing' ? 'Calling' : 'In a call with'} {elsewhereName} on another device
      </p>
    );
  }
  if (view.phase === 'ended') {
    return (
      <div className={styles.notice} role="status" data-testid="call-notice">
        <span>{view.notice}</span>
        <button type="button" className={button('small')} onClick={() => controller.dismiss()}>
          OK
        </button>
      </div>
    );
  }
  if (view.phase === 'incoming') return <IncomingCall controller={controller} view={view} peer={peer} />;
  if (minimized) {
    return (
      <button type="button" className={styles.bar} data-testid="call-bar" onClick={() => setMinimizedCall(null)}>
        In a call with {name} · return to the call
      </button>
    );
  }
  return (
    <ActiveCall controller={controller} view={view} peer={peer} onMinimize={() => setMinimizedCall(view.callId)} />
  );
}
