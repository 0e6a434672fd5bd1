import type { ChatState, ConversationEntry } from './chatState';
import { byActivity } from './messageList';
import type { Conversation, DeliveryState, Message, PendingSend, UserSummary } from './types';

export const nameOf = (user: Pick<UserSummary, 'displayName' | 'username'>) => user.displayName || user.username;

/** DIRECT: the other person (from the members, else the server's `peer`). */
export function peerOf(conversation: Conversation, me: string): UserSummary | null {
  if (conversation.kind !== 'DIRECT') return null;
  return conversation.members.find((m) => m.user.id !== me)?.user ?? conversation.peer ?? null;
}

export function titleOf(conversation: Conversation, me: string): string {
  if (conversation.kind === 'GROUP') return conversation.title || 'Group';
  const peer = peerOf(conversation, me);
  return peer ? nameOf(peer) : 'Direct chat';
}

/** The one-line preview of a message in the conversation list. */
export function previewOf(message: Pick<Message, 'deleted' | 'text' | 'attachments'> | null): string {
  if (!message) return 'No messages yet';
  if (message.deleted) return 'Message deleted';
  const text = message.text.trim().replace(/\s+/g, ' ');
  if (text) return text;
  return message.attachments.length > 0 ? '📎 Attachment' : '';
}

export function sortedConversations(state: ChatState): ConversationEntry[] {
  return Object.values(state.conversations).sort((a, b) => byActivity(a.conversation, b.conversation));
}

export const totalUnread = (state: ChatState) =>
  Object.values(state.conversations).reduce((sum, e) => sum + (e.conversation.unreadCount ?? 0), 0);

/** Sent, or read once another member's read position has reached it. */
export function deliveryOf(conversation: Conversation, message: Message, me: string): DeliveryState {
  const read = conversation.members.some((m) => m.user.id !== me && (m.lastReadSeq ?? 0) >= message.seq);
  return read ? 'read' : 'sent';
}

export const pendingState = (pending: PendingSend): DeliveryState => (pending.status === 'failed' ? 'failed' : 'sending');

export const pendingIn = (state: ChatState, conversationId: string) =>
  state.outbox.filter((p) => p.conversationId === conversationId);

/** The newest message from someone else that I have loaded. */
export function newestFromOthers(entry: ConversationEntry, me: string): Message | null {
  const messages = entry.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].senderId !== me) return messages[i];
  return null;
}

/** "Ada is typing…", "Ada and Bo are typing…", "Ada, Bo and Cy are typing…"; null when no one is. */
export function typingText(state: ChatState, conversationId: string): string | null {
  const entry = state.conversations[conversationId];
  const ids = Object.keys(state.typing[conversationId] ?? {});
  if (!entry || ids.length === 0) return null;
  const names = ids.map((id) => {
    const member = entry.conversation.members.find((m) => m.user.id === id);
    return member ? nameOf(member.user) : 'Someone';
  });
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length > 3) return `${names.length} people are typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
}

/** Delete for everyone: my own messages, or any in a group I am an admin of. */
export function canDeleteForEveryone(conversation: Conversation, message: Message, me: string): boolean {
  if (message.deleted) return false;
  return message.senderId === me || (conversation.kind === 'GROUP' && conversation.myRole === 'ADMIN');
}
