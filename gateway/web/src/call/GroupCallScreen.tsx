import { useOptionalChatState } from '../chat/store/ChatProvider';
import { nameOf } from '../chat/store/selectors';
import type { UserSummary } from '../chat/store/types';
import { Avatar } from '../ui/Avatar';
import { cx, text } from '../ui/styles/classes';
import { hasVideo, type Participant } from './callController';
import { CallActions, CallNotes, useElapsed, useMemberNames, Video, type CallScreenProps } from './CallParts';
import styles from './CallOverlay.module.css';

/** One person's tile: their video (or initials), name, microphone and camera, and whether they speak. */
function Tile({
  user,
  stream,
  self,
  audio,
  video,
  screen,
  speaking,
  connected,
  featured = false,
}: {
  user: UserSummary;
  /** Shown large: the screen on the stage. */
  featured?: boolean;
  stream: MediaStream | null;
  self: boolean;
  audio: boolean;
  video: boolean;
  screen: boolean;
  speaking: boolean;
  connected: boolean;
}) {
  const name = self ? 'You' : nameOf(user);
  const showVideo = (video || screen) && stream !== null;
  return (
    <figure
      className={cx(styles.tile, speaking && styles.speaking, featured && styles.featured)}
      data-testid={self ? 'call-tile-self' : 'call-tile'}
      data-user-id={user.id}
      data-speaking={String(speaking)}
      data-screen={String(screen)}
      data-connected={String(connected)}
    >
      {!showVideo && <Avatar user={user} className={styles.tileAvatar} />}
      {/* One element for their audio and video (one's own is muted), hidden while there is no picture. */}
      {stream && (
        <Video
          stream={stream}
          muted={self}
          testId={self ? 'local-video' : 'participant-video'}
          className={cx(styles.tileVideo, !showVideo && styles.hiddenVideo)}
        />
      )}
      <figcaption className={styles.caption}>
        {name}
        {screen && ' · sharing their screen'}
        {!audio && <span data-testid="tile-muted"> · muted</span>}
        {!video && !screen && <span data-testid="tile-camera-off"> · camera off</span>}
        {!self && !connected && <span className={text.muted}> · connecting…</span>}
      </figcaption>
    </figure>
  );
}

/** A group call: a grid of everyone in it, the list of who is in it, and the call's buttons. */
export function GroupCallScreen({ controller, view, onMinimize }: CallScreenProps) {
  const member = useMemberNames(view.conversationId);
  const elapsed = useElapsed(view.connectedAt);
  const others: Participant[] = view.participants;
  // One shared screen takes the stage (the first, if two share at once); the others stay tiles.
  const stage = others.find((p) => p.screen)?.userId ?? null;
  const status =
    view.phase === 'connecting' ? 'Joining…' : others.length === 0 ? 'Waiting for others to join…' : elapsed;
  const meId = useOptionalChatState((s) => s.me, '');
  const me = member(meId);
  return (
    <div
      className={styles.screen}
      role="dialog"
      aria-label="Group call"
      data-testid="call-screen"
      data-group="true"
      data-phase={view.phase}
      data-bytes-received={view.quality?.bytesReceived ?? 0}
    >
      <div
        className={cx(styles.grid, stage !== null && styles.withScreen)}
        data-testid="call-grid"
        data-count={others.length + 1}
      >
        {others.map((p) => (
          <Tile
            key={p.userId}
            user={member(p.userId)}
            stream={p.stream}
            self={false}
            audio={p.audio}
            video={p.video}
            screen={p.screen}
            speaking={p.speaking}
            connected={p.connected}
            featured={p.userId === stage}
          />
        ))}
        <Tile
          user={me}
          stream={view.screenStream ?? (hasVideo(view.localStream) ? view.localStream : null)}
          self
          audio={!view.muted}
          video={hasVideo(view.localStream) && !view.cameraOff}
          screen={view.screen}
          speaking={view.speaking}
          connected
        />
      </div>
      <div className={styles.info}>
        <p className={cx(text.muted, styles.muted)} data-testid="call-status">
          {status}
        </p>
        <ul className={styles.people} data-testid="call-participants" aria-label="In the call">
          <li>You{view.muted ? ' (muted)' : ''}</li>
          {others.map((p) => (
            <li key={p.userId} data-user-id={p.userId}>
              {nameOf(member(p.userId))}
              {!p.audio && ' (muted)'}
              {p.speaking && ' · speaking'}
            </li>
          ))}
        </ul>
        <CallNotes view={view} />
      </div>
      <CallActions controller={controller} view={view} onMinimize={onMinimize} />
    </div>
  );
}
