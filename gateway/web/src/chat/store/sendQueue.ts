import { messageFor } from '../../api/messages';
import { FrameType } from '../../socket/protocol';
import { SocketError, type ParleySocket } from '../../socket/socket';
import type { ChatAction, ChatState } from './chatState';

/**
 * A retryable failure while the socket stays open (a timeout, or the server's RATE_LIMITED / UNAVAILABLE) is tried
 * again after this long, or after the error's `retryAfterMs` when the server asks for longer.
 */
export const RESEND_DELAY_MS = 2_000;

/**
 * Whether a failed send goes again with the same id: after a `retryable` error, i.e. the server may or may not
 * have the message (the socket's TIMEOUT, DISCONNECTED, CLOSED), or asks to be tried again (RETRYABLE_ERRORS, e.g.
 * RATE_LIMITED: faster than a socket may send; UNAVAILABLE: too many sends waiting, or messaging down for a
 * moment). Any other error marks the message failed.
 */
const retryable = (error: unknown): error is SocketError => error instanceof SocketError && error.retryable;

export interface SendQueue {
  /** Writes what is queued, if the socket is open. */
  flush(): void;
  stop(): void;
}

/**
 * Sends the outbox over the socket: the oldest queued message of each chat, one at a time per chat (the
 * next waits for the ack) so the order holds. A lost connection or a timeout puts a message back in the
 * queue under the same clientMessageId; a server error marks it failed.
 */
export function createSendQueue(deps: {
  socket: ParleySocket;
  getState(): ChatState;
  dispatch(action: ChatAction): void;
  isRunning(): boolean;
  onRefused(code: string): void;
}): SendQueue {
  const { socket, dispatch } = deps;
  const sending = new Set<string>(); // conversations with a message.send in flight
  let resendTimer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    if (!deps.isRunning() || socket.getStatus() !== 'open') return;
    for (const pending of deps.getState().outbox) {
      if (pending.status !== 'queued' || sending.has(pending.conversationId)) continue;
      const { conversationId, clientMessageId, text, attachments = [], replyTo } = pending;
      sending.add(conversationId);
      dispatch({ type: 'sendStarted', clientMessageId });
      const files = attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.id) } : {};
      // Kept on the pending send, so a resend (after a drop, a retry or a reload) still answers the same message.
      const reply = replyTo ? { replyToId: replyTo.id } : {};
      socket
        .send(FrameType.MESSAGE_SEND, { conversationId, clientMessageId, text, ...files, ...reply })
        .then(
          (ack) => {
            if (!ack?.messageId || typeof ack.seq !== 'number')
              throw new SocketError('BAD_ACK', 'The server answered oddly.');
            dispatch({ type: 'sendAcked', ack: { ...ack, clientMessageId, conversationId } });
          },
          (error: unknown) => {
            if (!retryable(error)) throw error;
            dispatch({ type: 'sendRequeued', clientMessageId });
            // Still open (a timeout, or the server asked to retry): try again shortly; otherwise the next open flushes.
            if (socket.getStatus() === 'open') scheduleResend(error.retryAfterMs);
          },
        )
        .catch((error: unknown) => {
          const code = error instanceof SocketError ? error.code : 'ERROR';
          dispatch({ type: 'sendFailed', clientMessageId, code, error: messageFor(error, 'send') });
          deps.onRefused(code);
        })
        .finally(() => {
          sending.delete(conversationId);
          const outcome = deps.getState().outbox.find((p) => p.clientMessageId === clientMessageId);
          if (outcome?.status !== 'queued') flush();
        });
    }
  }

  function scheduleResend(retryAfterMs = 0) {
    clearTimeout(resendTimer);
    resendTimer = setTimeout(flush, Math.max(RESEND_DELAY_MS, retryAfterMs));
  }

  return { flush, stop: () => clearTimeout(resendTimer) };
}
