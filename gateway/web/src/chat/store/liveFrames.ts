import { FrameType } from '../../socket/protocol';
import type { ParleySocket } from '../../socket/socket';
import type { ChatAction, ChatState } from './chatState';
import * as frames from './frameData';

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
    socket.on(FrameType.MESSAGE_NEW, (data) => {
      const frame = frames.toMessageNew(data);
      if (!frame) return;
      const { message } = frame;
      const known = Boolean(sink.getState().conversations[message.conversationId]);
      dispatch({ type: 'messageNew', message });
      if (!known) sink.onUnknownConversation(message.conversationId);
      sink.onTyping();
    }),
    socket.on(FrameType.MESSAGE_DELETED, (data) => {
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
    // An edit: the whole message, as this reader sees it.
    socket.on(FrameType.MESSAGE_UPDATED, (data) => {
      const frame = frames.toMessageUpdated(data);
      if (frame) dispatch({ type: 'messageUpdated', message: frame.message });
    }),
    socket.on(FrameType.REACTION_UPDATED, (data) => {
      const frame = frames.toReactionUpdated(data);
      if (frame) dispatch({ type: 'reactionsUpdated', update: frame, syncs: true });
    }),
    socket.on(FrameType.READ_UPDATED, (data) => {
      const frame = frames.toRead(data);
      if (frame) dispatch({ type: 'readUpdated', frame });
    }),
    socket.on(FrameType.CONVERSATION_UPDATED, (data) => {
      const frame = frames.toConversationUpdated(data);
      if (frame) dispatch({ type: 'upserted', conversation: frame.conversation, partial: true });
    }),
    socket.on(FrameType.CONVERSATION_REMOVED, (data) => {
      const frame = frames.toRemoved(data);
      if (frame) dispatch({ type: 'removed', conversationId: frame.conversationId });
    }),
    // Cleared on another of my devices.
    socket.on(FrameType.CONVERSATION_CLEARED, (data) => {
      const frame = frames.toCleared(data);
      if (frame) dispatch({ type: 'cleared', conversationId: frame.conversationId, seq: frame.seq });
    }),
    // Muted or unmuted on another of my devices.
    socket.on(FrameType.CONVERSATION_MUTED, (data) => {
      const frame = frames.toMuted(data);
      if (frame) dispatch({ type: 'muted', ...frame });
    }),
    socket.on(FrameType.FRIEND_UPDATED, (data) => {
      const frame = frames.toFriendUpdated(data);
      if (frame) dispatch({ type: 'userChanged', user: frame.user });
    }),
    socket.on(FrameType.TYPING, (data) => {
      const frame = frames.toTyping(data);
      if (!frame) return;
      dispatch({ type: 'typingChanged', ...frame, now: sink.now() });
      sink.onTyping();
    }),
    socket.on(FrameType.PRESENCE, (data) => {
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
