import type { ParleySocket } from '../../socket/socket';
import type { ChatAction, ChatState } from './chatState';
import * as frames from './frameData';
import { CHAT_FRAMES } from './types';

export interface FrameSink {
  getState(): ChatState;
  dispatch(action: ChatAction): void;
  now(): number;
  /** A typing indicator came or went: its expiry needs scheduling. */
  onTyping(): void;
  /** A message arrived in a conversation this tab does not have. */
  onUnknownConversation(conversationId: string): void;
  /** The preview was hidden for me and no older message is loaded to show instead. */
  onPreviewHidden(conversationId: string): void;
}

/** Applies the server's messaging frames (each checked first, a malformed one dropped); returns the unsubscriber. */
export function subscribeFrames(socket: ParleySocket, sink: FrameSink): () => void {
  const { dispatch } = sink;
  const offs = [
    socket.on(CHAT_FRAMES.messageNew, (data: { message?: unknown } | undefined) => {
      const message = frames.toMessage(data?.message);
      if (!message) return;
      const known = Boolean(sink.getState().conversations[message.conversationId]);
      dispatch({ type: 'messageNew', message });
      if (!known) sink.onUnknownConversation(message.conversationId);
      sink.onTyping();
    }),
    socket.on(CHAT_FRAMES.messageDeleted, (data) => {
      const frame = frames.toDeleted(data);
      if (!frame) return;
      const before = sink.getState().conversations[frame.conversationId];
      dispatch({ type: 'messageDeleted', frame });
      if (
        frame.scope === 'me' &&
        before &&
        !before.messages &&
        before.conversation.lastMessage?.id === frame.messageId
      ) {
        sink.onPreviewHidden(frame.conversationId);
      }
    }),
    socket.on(CHAT_FRAMES.readUpdated, (data) => {
      const frame = frames.toRead(data);
      if (frame) dispatch({ type: 'readUpdated', frame });
    }),
    socket.on(CHAT_FRAMES.conversationUpdated, (data: { conversation?: unknown } | undefined) => {
      const conversation = frames.toConversation(data?.conversation);
      if (conversation) dispatch({ type: 'upserted', conversation, partial: true });
    }),
    socket.on(CHAT_FRAMES.conversationRemoved, (data) => {
      const conversationId = frames.conversationIdOf(data);
      if (conversationId) dispatch({ type: 'removed', conversationId });
    }),
    // Cleared on another of my devices.
    socket.on(CHAT_FRAMES.conversationCleared, (data) => {
      const frame = frames.toCleared(data);
      if (frame) dispatch({ type: 'cleared', conversationId: frame.conversationId, seq: frame.seq });
    }),
    socket.on(CHAT_FRAMES.typing, (data) => {
      const frame = frames.toTyping(data);
      if (!frame) return;
      dispatch({ type: 'typing', ...frame, now: sink.now() });
      sink.onTyping();
    }),
    socket.on(CHAT_FRAMES.presence, (data) => {
      const frame = frames.toPresence(data);
      if (frame)
        dispatch({
          type: 'presence',
          userId: frame.userId,
          presence: { online: frame.online, lastSeenAt: frame.lastSeenAt },
        });
    }),
  ];
  return () => offs.forEach((off) => off());
}
