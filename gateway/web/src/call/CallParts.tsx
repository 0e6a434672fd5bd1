import { useEffect, useRef, useState } from 'react';
import { useOptionalChatState } from '../chat/store/ChatProvider';
import { callDuration } from '../chat/store/selectors';
import type { UserSummary } from '../chat/store/types';
import { button, cx, text } from '../ui/styles/classes';
import { hasVideo, type CallController, type CallView, type DeviceKind } from './callController';
import styles from './CallOverlay.module.css';

/** What the one-to-one and the group call screens share. */

export function Video({
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

export function useElapsed(since: number | null): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? '' : callDuration(Math.max(0, Math.floor((now - since) / 1000)));
}

/** The other person, from the chat's members ("Someone" until the chat knows them). */
export function usePeer(view: Pick<CallView, 'conversationId' | 'peerId'>): UserSummary {
  const { conversationId } = view;
  const conversation = useOptionalChatState(
    (s) => (conversationId ? s.conversations[conversationId]?.conversation : undefined),
    undefined,
  );
  const member = conversation?.members.find((m) => m.user.id === view.peerId);
  const peer = member?.user ?? (conversation?.peer?.id === view.peerId ? conversation?.peer : undefined);
  return peer ?? { id: view.peerId ?? 'call', username: 'Someone', displayName: 'Someone' };
}

const DEVICE_LABEL: Record<DeviceKind, string> = { audioinput: 'Microphone', videoinput: 'Camera' };

/** Choose the microphone and camera of the running call. */
export function DevicePicker({ controller, view }: { controller: CallController; view: CallView }) {
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

/** What a call screen is given: the call, and how to go back to the chats. */
export interface CallScreenProps {
  controller: CallController;
  view: CallView;
  onMinimize: () => void;
}

/** A problem during the call that does not end it, and "Poor connection" (round trip over 400 ms or loss over 5%). */
export function CallNotes({ view }: { view: CallView }) {
  const quality = view.quality;
  const poor = quality && ((quality.rttMs ?? 0) > 400 || (quality.lossPercent ?? 0) > 5);
  return (
    <>
      {view.warning && (
        <p className={cx(text.muted, text.small, styles.muted)} role="alert" data-testid="call-warning">
          {view.warning}
        </p>
      )}
      {poor && (
        <p className={cx(text.muted, text.small, styles.muted)} data-testid="call-quality">
          Poor connection{quality.rttMs !== null ? ` (${quality.rttMs} ms)` : ''}
        </p>
      )}
    </>
  );
}

/** The call's buttons: microphone, camera, screen, devices, back to the chats, and hang up (or leave). */
export function CallActions({ controller, view, onMinimize }: CallScreenProps) {
  const [picking, setPicking] = useState(false);
  const localVideo = hasVideo(view.localStream);
  const canShare = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getDisplayMedia);
  return (
    <>
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
        {canShare && view.phase !== 'outgoing' && (
          <button
            type="button"
            className={button()}
            data-testid="call-share-screen"
            aria-pressed={view.screen}
            onClick={() => void controller.toggleScreen()}
          >
            {view.screen ? 'Stop sharing' : 'Share screen'}
          </button>
        )}
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
          {view.group ? 'Leave' : view.phase === 'outgoing' ? 'Cancel' : 'Hang up'}
        </button>
      </div>
      {picking && <DevicePicker controller={controller} view={view} />}
    </>
  );
}

/** Someone in a group call, from the group's members ("Someone" until the chat knows them). */
export function useMemberNames(conversationId: string | null): (userId: string) => UserSummary {
  const conversation = useOptionalChatState(
    (s) => (conversationId ? s.conversations[conversationId]?.conversation : undefined),
    undefined,
  );
  return (userId) =>
    conversation?.members.find((m) => m.user.id === userId)?.user ?? {
      id: userId,
      username: 'Someone',
      displayName: 'Someone',
    };
}
