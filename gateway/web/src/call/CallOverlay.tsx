import { useEffect, useState } from 'react';
import { notifier } from '../chat/notifications';
import { useOptionalChatState } from '../chat/store/ChatProvider';
import { nameOf, titleOf } from '../chat/store/selectors';
import type { UserSummary } from '../chat/store/types';
import { Avatar } from '../ui/Avatar';
import { button, cx, text } from '../ui/styles/classes';
import { hasVideo, type CallController, type CallView } from './callController';
import { CallActions, CallNotes, usePeer, useElapsed, Video } from './CallParts';
import { GroupCallScreen } from './GroupCallScreen';
import { askForCallNotifications } from './notifications';
import { useTone } from './tones';
import styles from './CallOverlay.module.css';

function IncomingCall({ controller, view, peer }: { controller: CallController; view: CallView; peer: UserSummary }) {
  const name = nameOf(peer);
  const group = useOptionalChatState(
    (s) => (view.group && view.conversationId ? s.conversations[view.conversationId]?.conversation : undefined),
    undefined,
  );
  const groupName = group ? titleOf(group, '') : 'a group';
  // While the tab is hidden, a system notification too (not for a group I muted); it goes when the ring ends.
  const mutedUntil = group?.mutedUntil ?? null;
  useEffect(() => {
    const media = view.media === 'video' ? 'video' : 'audio';
    const notice = notifier.call({ callerName: name, media, groupName: view.group ? groupName : null, mutedUntil });
    return () => notice?.close();
  }, [name, view.media, view.group, groupName, mutedUntil]);
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
      <p className={text.muted}>
        {view.group
          ? `Group ${view.media === 'video' ? 'video' : 'audio'} call in ${groupName}…`
          : `Incoming ${view.media === 'video' ? 'video' : 'audio'} call…`}
      </p>
      <div className={styles.actions}>
        {view.media === 'video' && (
          <button
            type="button"
            className={button('primary')}
            data-testid="call-accept-video"
            onClick={() => accept('video')}
          >
            {view.group ? 'Join with video' : 'Accept with video'}
          </button>
        )}
        <button type="button" className={button()} data-testid="call-accept-audio" onClick={() => accept('audio')}>
          {view.group ? 'Join' : 'Accept'} {view.media === 'video' ? 'audio only' : ''}
        </button>
        <button
          type="button"
          className={button('danger')}
          data-testid="call-decline"
          onClick={() => controller.decline()}
        >
          {view.group ? 'Not now' : 'Decline'}
        </button>
      </div>
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
  // A shared screen shows even with the camera off, in an audio call too.
  const remoteVideo = (view.media === 'video' && view.remoteVideo) || view.remoteScreen;
  const localVideo = hasVideo(view.localStream);
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
        {(localVideo || view.screen) && (
          <Video stream={view.screenStream ?? view.localStream} muted testId="local-video" className={styles.local} />
        )}
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
        {view.remoteScreen && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="remote-screen">
            {name} is sharing their screen
          </p>
        )}
        {view.screen && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="sharing-screen">
            You are sharing your screen
          </p>
        )}
        {view.media === 'video' && !view.remoteVideo && !view.remoteScreen && (
          <p className={cx(text.muted, text.small, styles.muted)} data-testid="remote-camera-off">
            {name}'s camera is off
          </p>
        )}
        {quality?.relayed && <p className={cx(text.muted, text.small, styles.muted)}>Through a relay server</p>}
        <CallNotes view={view} />
      </div>
      <CallActions controller={controller} view={view} onMinimize={onMinimize} />
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
        {view.group ? 'In a group call' : `In a call with ${name}`} · return to the call
      </button>
    );
  }
  if (view.group) {
    return <GroupCallScreen controller={controller} view={view} onMinimize={() => setMinimizedCall(view.callId)} />;
  }
  return (
    <ActiveCall controller={controller} view={view} peer={peer} onMinimize={() => setMinimizedCall(view.callId)} />
  );
}
