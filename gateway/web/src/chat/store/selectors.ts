import { safeFileName } from '../../media/format';
import type { Attachment } from '../../media/types';
import type { ChatState, ConversationEntry } from './chatState';
import { byActivity } from './messageList';
import type { CallRecord, Conversation, DeliveryState, Message, PendingSend, ReplyTo, UserSummary } from './types';

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

/** "Ada", "Ada and Bo", "Ada, Bo and Cy". */
export function listOf(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "3 min 12 s", "45 s", "1 h 2 min". */
export function callDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/**
 * A call's record as its caller (`own`) or the callee reads it: "Missed video call", "Audio call · 3 min 12 s"; a
 * group call's with who took part, when their `names` are given: "Group video call · 12 min 3 s · Ada, Bo and Cy".
 */
export function callText(call: CallRecord, own: boolean, names?: string[]): string {
  if (call.participantIds) {
    const media = call.media === 'video' ? 'group video call' : 'group audio call';
    const Media = media.charAt(0).toUpperCase() + media.slice(1);
    if (call.outcome !== 'completed') return own ? `${Media} · nobody joined` : `Missed ${media}`;
    const who = names && names.length > 0 ? ` · ${listOf(names)}` : '';
    return `${Media} · ${callDuration(call.durationSeconds)}${who}`;
  }
  const media = call.media === 'video' ? 'video call' : 'audio call';
  const Media = media.charAt(0).toUpperCase() + media.slice(1);
  switch (call.outcome) {
    case 'completed':
      return `${Media} · ${callDuration(call.durationSeconds)}`;
    case 'declined':
      return own ? `${Media} · declined` : `Declined ${media}`;
    case 'failed':
      return `${Media} · failed`;
    case 'busy':
      return own ? `${Media} · busy` : `Missed ${media}`;
    case 'cancelled':
      return own ? `Cancelled ${media}` : `Missed ${media}`;
    default:
      return own ? `${Media} · no answer` : `Missed ${media}`;
  }
}

/** The one-line preview of a message in the conversation list (`me` tells whose call a call record was). */
export function previewOf(
  message:
    | (Pick<Message, 'deleted' | 'text' | 'attachments'> &
        Partial<Pick<Message, 'call' | 'senderId' | 'senderBlocked'>>)
    | null,
  me?: string,
): string {
  if (!message) return 'No messages yet';
  if (message.deleted) return 'Message deleted';
  if (message.senderBlocked) return 'Hidden message';
  if (message.call) return callText(message.call, message.senderId === me);
  const text = message.text.trim().replace(/\s+/g, ' ');
  if (text) return text;
  return attachmentsPreview(message.attachments);
}

/** A message of files only, in the list: "🖼️ Photo", "🎤 Voice message", "📎 report.pdf", "📎 3 files". */
export function attachmentsPreview(
  attachments: Pick<Attachment, 'contentType' | 'durationSeconds' | 'name'>[],
): string {
  if (attachments.length === 0) return '';
  if (attachments.length > 1) {
    const photos = attachments.every((a) => a.contentType.startsWith('image/'));
    return photos ? `🖼️ ${attachments.length} photos` : `📎 ${attachments.length} files`;
  }
  const [file] = attachments;
  if (file.contentType.startsWith('image/')) return '🖼️ Photo';
  if (file.contentType.startsWith('video/')) return '🎬 Video';
  if (file.contentType.startsWith('audio/') && file.durationSeconds !== null) return '🎤 Voice message';
  return `📎 ${safeFileName(file.name)}`;
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

export const pendingState = (pending: PendingSend): DeliveryState =>
  pending.status === 'failed' ? 'failed' : 'sending';

export const pendingIn = (outbox: PendingSend[], conversationId: string) =>
  outbox.filter((p) => p.conversationId === conversationId);

/** The newest message from someone else that I have loaded. */
export function newestFromOthers(entry: ConversationEntry, me: string): Message | null {
  const messages = entry.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].senderId !== me) return messages[i];
  return null;
}

/**
 * Where the unread messages of a chat start: my read position, when anything is unread (null when nothing is). Read
 * as the chat opens, before it is marked read.
 */
export function unreadAfter(conversation: Conversation, me: string): number | null {
  if ((conversation.unreadCount ?? 0) === 0) return null;
  return conversation.members.find((m) => m.user.id === me)?.lastReadSeq ?? 0;
}

/** A message that counts as unread past `after`: from someone else, there to read (not deleted, not hidden). */
export const isUnread = (message: Message, me: string, after: number) =>
  message.seq > after && message.senderId !== me && !message.deleted && !message.hidden && !message.senderBlocked;

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

/** Delete for everyone: my own messages, or any in a group I am an admin of (but not one hidden from me). */
export function canDeleteForEveryone(conversation: Conversation, message: Message, me: string): boolean {
  if (message.deleted || message.senderBlocked) return false;
  return message.senderId === me || (conversation.kind === 'GROUP' && conversation.myRole === 'ADMIN');
}

/** How long after sending I may edit a message (the server's `parley.messaging.edit-window`, 24 h unless set). */
export const EDIT_WINDOW_MS = 24 * 60 * 60_000;

/** Whether a message is there to answer or react to: not deleted, nor hidden from me (its sender blocked). */
export const canRespond = (message: Message): boolean => !message.deleted && !message.hidden && !message.senderBlocked;

/** My own text message, sent less than EDIT_WINDOW_MS ago (the server has the last word). */
export function canEdit(message: Message, me: string, now: number): boolean {
  const sentAt = Date.parse(message.createdAt);
  return (
    message.senderId === me &&
    canRespond(message) &&
    (message.kind ?? 'text') === 'text' &&
    !message.call &&
    !Number.isNaN(sentAt) &&
    now - sentAt < EDIT_WINDOW_MS
  );
}

/** My newest message I may still edit (Up in an empty composer), or null. */
export function lastEditable(entry: ConversationEntry | undefined, me: string, now: number): Message | null {
  const messages = entry?.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) if (canEdit(messages[i], me, now)) return messages[i];
  return null;
}

/** Someone in a chat, as a quote or a reaction names them: "You", their name, or "Former member". */
export function personIn(conversation: Conversation, userId: string, me: string): string {
  if (userId === me) return 'You';
  const user = conversation.members.find((m) => m.user.id === userId)?.user;
  return user ? nameOf(user) : 'Former member';
}

/** The line a quote shows: the text it quotes, or what stands for it. */
export function quoteText(quote: ReplyTo): string {
  if (quote.senderBlocked) return 'Message from a blocked person';
  if (quote.deleted) return 'Deleted message';
  const text = quote.text.trim().replace(/\s+/g, ' ');
  if (text) return text;
  if (quote.attachmentCount > 0) return `📎 ${quote.attachmentCount} ${quote.attachmentCount === 1 ? 'file' : 'files'}`;
  return quote.kind === 'call' ? 'Call' : 'Message';
}

/** Names shown for a reaction before "and N more". */
const REACTORS_NAMED = 10;

/** Who put a reaction: "You and Bo", "Ada, Bo and 12 more". */
export function reactorsText(conversation: Conversation, userIds: string[], me: string): string {
  const names = userIds.slice(0, REACTORS_NAMED).map((id) => personIn(conversation, id, me));
  const more = userIds.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : listOf(names);
}

/** Whether my mute of the chat still holds at `now` (epoch ms). */
export const isMuted = (conversation: Pick<Conversation, 'mutedUntil'>, now: number): boolean =>
  Boolean(conversation.mutedUntil) && Date.parse(conversation.mutedUntil as string) > now;
