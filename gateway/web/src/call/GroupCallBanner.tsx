import { useEffect } from 'react';
import { button, cx, text } from '../ui/styles/classes';
import { useCalls } from './CallProvider';
import { askForCallNotifications } from './notifications';
import styles from './CallOverlay.module.css';

/**
 * In a group's chat: "Call in progress · Join" while the group has a call this user is not in (looked up when
 * the chat opens, then kept current by the call frames).
 */
export function GroupCallBanner({ conversationId }: { conversationId: string }) {
  const calls = useCalls();
  const controller = calls?.controller;
  useEffect(() => controller?.watch(conversationId), [controller, conversationId]);
  const call = calls?.view.groupCalls[conversationId];
  if (!calls || !call || calls.view.callId === call.callId) return null;
  const busy = calls.view.phase !== 'idle' && calls.view.phase !== 'ended' && calls.view.phase !== 'incoming';
  const count = call.participants.length;
  return (
    <div className={styles.banner} role="status" data-testid="group-call-banner" data-call-id={call.callId}>
      <span>
        {call.media === 'video' ? 'Video call' : 'Call'} in progress
        <span className={cx(text.muted, text.small)}>
          {' '}
          · {count} {count === 1 ? 'person' : 'people'}
        </span>
      </span>
      <button
        type="button"
        className={button('small')}
        data-testid="group-call-join"
        disabled={busy}
        onClick={() => {
          askForCallNotifications();
          void calls.controller.join(call, call.media);
        }}
      >
        Join
      </button>
    </div>
  );
}
