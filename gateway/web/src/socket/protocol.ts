// Generated from infra/platform's dev.parley.platform.protocol by ProtocolTest.
// Do not edit: change the Java enums, then run
// mvn -o test -pl infra/platform -Dtest=ProtocolTest -Dparley.protocol.write=true
// What each frame, code and close code means: docs/protocol.md.

/** Every socket frame type, by its name on the wire. */
export const FrameType = {
  AUTH: 'auth',
  PING: 'ping',
  PONG: 'pong',
  ACK: 'ack',
  ERROR: 'error',
  MESSAGE_SEND: 'message.send',
  MESSAGE_DELETE: 'message.delete',
  READ: 'read',
  MESSAGE_EDIT: 'message.edit',
  REACTION_ADD: 'reaction.add',
  REACTION_REMOVE: 'reaction.remove',
  TYPING: 'typing',
  MESSAGE_NEW: 'message.new',
  MESSAGE_DELETED: 'message.deleted',
  MESSAGE_UPDATED: 'message.updated',
  REACTION_UPDATED: 'reaction.updated',
  READ_UPDATED: 'read.updated',
  CONVERSATION_UPDATED: 'conversation.updated',
  CONVERSATION_REMOVED: 'conversation.removed',
  CONVERSATION_CLEARED: 'conversation.cleared',
  CONVERSATION_MUTED: 'conversation.muted',
  PRESENCE: 'presence',
  FRIEND_REQUEST: 'friend.request',
  FRIEND_ACCEPTED: 'friend.accepted',
  FRIEND_REMOVED: 'friend.removed',
  FRIEND_UPDATED: 'friend.updated',
  FRIEND_REQUEST_CANCELLED: 'friend.request.cancelled',
  FRIEND_REQUEST_DECLINED: 'friend.request.declined',
  CALL_INVITE: 'call.invite',
  CALL_ACCEPT: 'call.accept',
  CALL_REJECT: 'call.reject',
  CALL_CANCEL: 'call.cancel',
  CALL_HANGUP: 'call.hangup',
  CALL_JOIN: 'call.join',
  CALL_LEAVE: 'call.leave',
  CALL_MEDIA: 'call.media',
  CALL_INCOMING: 'call.incoming',
  CALL_RINGING: 'call.ringing',
  CALL_ACCEPTED: 'call.accepted',
  CALL_REJECTED: 'call.rejected',
  CALL_CANCELLED: 'call.cancelled',
  CALL_ENDED: 'call.ended',
  CALL_PARTICIPANT_JOINED: 'call.participant.joined',
  CALL_PARTICIPANT_LEFT: 'call.participant.left',
  CALL_ANSWERED_ELSEWHERE: 'call.answered_elsewhere',
  CALL_ELSEWHERE: 'call.elsewhere',
  RTC_OFFER: 'rtc.offer',
  RTC_ANSWER: 'rtc.answer',
  RTC_ICE: 'rtc.ice',
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/** The frame types a client may send. */
export type ClientFrameType =
  | 'auth'
  | 'ping'
  | 'message.send'
  | 'message.delete'
  | 'read'
  | 'message.edit'
  | 'reaction.add'
  | 'reaction.remove'
  | 'typing'
  | 'call.invite'
  | 'call.accept'
  | 'call.reject'
  | 'call.cancel'
  | 'call.hangup'
  | 'call.join'
  | 'call.leave'
  | 'call.media'
  | 'rtc.offer'
  | 'rtc.answer'
  | 'rtc.ice';

/** The frame types the server sends. */
export type ServerFrameType =
  | 'pong'
  | 'ack'
  | 'error'
  | 'typing'
  | 'message.new'
  | 'message.deleted'
  | 'message.updated'
  | 'reaction.updated'
  | 'read.updated'
  | 'conversation.updated'
  | 'conversation.removed'
  | 'conversation.cleared'
  | 'conversation.muted'
  | 'presence'
  | 'friend.request'
  | 'friend.accepted'
  | 'friend.removed'
  | 'friend.updated'
  | 'friend.request.cancelled'
  | 'friend.request.declined'
  | 'call.media'
  | 'call.incoming'
  | 'call.ringing'
  | 'call.accepted'
  | 'call.rejected'
  | 'call.cancelled'
  | 'call.ended'
  | 'call.participant.joined'
  | 'call.participant.left'
  | 'call.answered_elsewhere'
  | 'call.elsewhere'
  | 'rtc.offer'
  | 'rtc.answer'
  | 'rtc.ice';

/** `ClientData.Auth` */
export interface ClientAuth {
  token: string;
}

/** `ClientData.CallId` */
export interface ClientCallId {
  callId: string;
}

/** `ClientData.CallInvite` */
export interface ClientCallInvite {
  callId: string;
  conversationId: string;
  calleeId?: string | null;
  media: string;
}

/** `ClientData.CallMedia` */
export interface ClientCallMedia {
  callId: string;
  audio: boolean;
  video: boolean;
  screen?: boolean | null;
  connected?: boolean | null;
}

/** `ClientData.CallReject` */
export interface ClientCallReject {
  callId: string;
  reason?: string | null;
}

/** `ClientData.MessageDelete` */
export interface ClientMessageDelete {
  conversationId: string;
  messageId: string;
  scope: string;
}

/** `ClientData.MessageEdit` */
export interface ClientMessageEdit {
  conversationId: string;
  messageId: string;
  text: string;
}

/** `ClientData.MessageSend` */
export interface ClientMessageSend {
  conversationId: string;
  clientMessageId: string;
  text?: string | null;
  attachmentIds?: string[] | null;
  replyToId?: string | null;
}

/** `ClientData.Reaction` */
export interface ClientReaction {
  conversationId: string;
  messageId: string;
  emoji: string;
}

/** `ClientData.Read` */
export interface ClientRead {
  conversationId: string;
  messageId: string;
}

/** `ClientData.RtcDescription` */
export interface ClientRtcDescription {
  callId: string;
  to?: string | null;
  sdp: unknown;
}

/** `ClientData.RtcIce` */
export interface ClientRtcIce {
  callId: string;
  to?: string | null;
  candidate: unknown;
}

/** `ClientData.Typing` */
export interface ClientTyping {
  conversationId: string;
  active: boolean;
}

/** `Acks.Authenticated` */
export interface AckAuthenticated {
  userId: string;
  expiresAt?: string | null;
}

/** `Acks.Call` */
export interface AckCall {
  callId: string;
}

/** `Acks.CallJoined` */
export interface AckCallJoined {
  callId: string;
  conversationId: string;
  media: string;
  participants: string[];
}

/** `Acks.Empty` */
export type AckEmpty = Record<string, never>;

/** `Acks.HungUp` */
export interface AckHungUp {
  callId: string;
  durationSeconds: number;
}

/** `Acks.MessageDeleted` */
export interface AckMessageDeleted {
  conversationId: string;
  messageId: string;
}

/** `Acks.MessageEdited` */
export interface AckMessageEdited {
  conversationId: string;
  messageId: string;
  version: number;
  editedAt?: string | null;
}

/** `Acks.MessageSent` */
export interface AckMessageSent {
  clientMessageId: string;
  messageId: string;
  conversationId: string;
  seq: number;
  createdAt: string;
}

/** `Acks.Read` */
export interface AckRead {
  conversationId: string;
  messageId: string;
  seq: number;
}

/** `ServerData.CallCancelled` */
export interface ServerCallCancelled {
  callId: string;
  reason?: string | null;
}

/** `ServerData.CallElsewhere` */
export interface ServerCallElsewhere {
  callId: string;
  conversationId: string;
  with: string;
  state: string;
}

/** `ServerData.CallEnded` */
export interface ServerCallEnded {
  callId: string;
  outcome: string;
  durationSeconds: number;
}

/** `ServerData.CallId` */
export interface ServerCallId {
  callId: string;
}

/** `ServerData.CallIncoming` */
export interface ServerCallIncoming {
  callId: string;
  conversationId: string;
  caller: ServerCaller;
  media: string;
  group: boolean;
  participants: string[];
}

/** `ServerData.CallMedia` */
export interface ServerCallMedia {
  callId: string;
  from: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/** `ServerData.CallParticipant` */
export interface ServerCallParticipant {
  callId: string;
  conversationId: string;
  userId: string;
}

/** `ServerData.CallRejected` */
export interface ServerCallRejected {
  callId: string;
  reason: string;
}

/** `ServerData.Caller` */
export interface ServerCaller {
  id: string;
}

/** `ServerData.ConversationCleared` */
export interface ServerConversationCleared {
  conversationId: string;
  seq: number;
}

/** `ServerData.ConversationMuted` */
export interface ServerConversationMuted {
  conversationId: string;
  mutedUntil?: string | null;
}

/** `ServerData.ConversationRemoved` */
export interface ServerConversationRemoved {
  conversationId: string;
}

/** `ServerData.ConversationUpdated` */
export interface ServerConversationUpdated<C = unknown> {
  conversation: C;
}

/** `ServerData.Error` */
export interface ServerError {
  code: string;
  message: string;
  retryable: boolean;
  retryAfterMs?: number | null;
}

/** `ServerData.FriendAccepted` */
export interface ServerFriendAccepted<U = unknown> {
  friend: U;
}

/** `ServerData.FriendRemoved` */
export interface ServerFriendRemoved {
  userId: string;
}

/** `ServerData.FriendRequest` */
export interface ServerFriendRequest<U = unknown> {
  request: ServerIncomingRequest<U>;
}

/** `ServerData.FriendRequestEnded` */
export interface ServerFriendRequestEnded {
  requestId: string;
}

/** `ServerData.FriendUpdated` */
export interface ServerFriendUpdated<U = unknown> {
  user: U;
}

/** `ServerData.IncomingRequest` */
export interface ServerIncomingRequest<U = unknown> {
  id: string;
  user: U;
  direction: string;
  status: string;
  createdAt: string;
}

/** `ServerData.MessageDeleted` */
export interface ServerMessageDeleted {
  conversationId: string;
  messageId: string;
  scope: string;
  version: number;
}

/** `ServerData.MessageNew` */
export interface ServerMessageNew<M = unknown> {
  message: M;
}

/** `ServerData.MessageUpdated` */
export interface ServerMessageUpdated<M = unknown> {
  message: M;
}

/** `ServerData.Presence` */
export interface ServerPresence {
  userId: string;
  online: boolean;
  lastSeenAt?: string | null;
}

/** `ServerData.Reaction` */
export interface ServerReaction {
  emoji: string;
  count: number;
  userIds: string[];
}

/** `ServerData.ReactionUpdated` */
export interface ServerReactionUpdated {
  conversationId: string;
  messageId: string;
  version: number;
  reactions: ServerReaction[];
}

/** `ServerData.ReadUpdated` */
export interface ServerReadUpdated {
  conversationId: string;
  userId: string;
  messageId: string;
  seq: number;
}

/** `ServerData.RtcDescription` */
export interface ServerRtcDescription {
  callId: string;
  from: string;
  sdp: unknown;
}

/** `ServerData.RtcIce` */
export interface ServerRtcIce {
  callId: string;
  from: string;
  candidate: unknown;
}

/** `ServerData.Typing` */
export interface ServerTyping {
  conversationId: string;
  userId: string;
  active: boolean;
  expiresInSeconds: number;
}

/** The `data` of each client frame. */
export interface ClientFrameData {
  auth: ClientAuth;
  ping: undefined;
  'message.send': ClientMessageSend;
  'message.delete': ClientMessageDelete;
  read: ClientRead;
  'message.edit': ClientMessageEdit;
  'reaction.add': ClientReaction;
  'reaction.remove': ClientReaction;
  typing: ClientTyping;
  'call.invite': ClientCallInvite;
  'call.accept': ClientCallId;
  'call.reject': ClientCallReject;
  'call.cancel': ClientCallId;
  'call.hangup': ClientCallId;
  'call.join': ClientCallId;
  'call.leave': ClientCallId;
  'call.media': ClientCallMedia;
  'rtc.offer': ClientRtcDescription;
  'rtc.answer': ClientRtcDescription;
  'rtc.ice': ClientRtcIce;
}

/** The `data` of the `ack` that answers each client frame. */
export interface AckData {
  auth: AckAuthenticated;
  'message.send': AckMessageSent;
  'message.delete': AckMessageDeleted;
  read: AckRead;
  'message.edit': AckMessageEdited;
  'reaction.add': ServerReactionUpdated;
  'reaction.remove': ServerReactionUpdated;
  typing: AckEmpty;
  'call.invite': AckCall;
  'call.accept': AckCall;
  'call.reject': AckCall;
  'call.cancel': AckCall;
  'call.hangup': AckHungUp;
  'call.join': AckCallJoined;
  'call.leave': AckHungUp;
  'call.media': AckCall;
  'rtc.offer': AckCall;
  'rtc.answer': AckCall;
  'rtc.ice': AckCall;
}

/** The `data` of each server frame. */
export interface ServerFrameData {
  pong: AckEmpty;
  ack: unknown;
  error: ServerError;
  typing: ServerTyping;
  'message.new': ServerMessageNew;
  'message.deleted': ServerMessageDeleted;
  'message.updated': ServerMessageUpdated;
  'reaction.updated': ServerReactionUpdated;
  'read.updated': ServerReadUpdated;
  'conversation.updated': ServerConversationUpdated;
  'conversation.removed': ServerConversationRemoved;
  'conversation.cleared': ServerConversationCleared;
  'conversation.muted': ServerConversationMuted;
  presence: ServerPresence;
  'friend.request': ServerFriendRequest;
  'friend.accepted': ServerFriendAccepted;
  'friend.removed': ServerFriendRemoved;
  'friend.updated': ServerFriendUpdated;
  'friend.request.cancelled': ServerFriendRequestEnded;
  'friend.request.declined': ServerFriendRequestEnded;
  'call.media': ServerCallMedia;
  'call.incoming': ServerCallIncoming;
  'call.ringing': ServerCallId;
  'call.accepted': ServerCallId;
  'call.rejected': ServerCallRejected;
  'call.cancelled': ServerCallCancelled;
  'call.ended': ServerCallEnded;
  'call.participant.joined': ServerCallParticipant;
  'call.participant.left': ServerCallParticipant;
  'call.answered_elsewhere': ServerCallId;
  'call.elsewhere': ServerCallElsewhere;
  'rtc.offer': ServerRtcDescription;
  'rtc.answer': ServerRtcDescription;
  'rtc.ice': ServerRtcIce;
}

/** The codes of the `error` frame. */
export const ErrorCode = {
  BAD_FRAME: 'BAD_FRAME',
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  CONVERSATION_NOT_FOUND: 'CONVERSATION_NOT_FOUND',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  NOT_FRIENDS: 'NOT_FRIENDS',
  BLOCKED: 'BLOCKED',
  CLIENT_MESSAGE_ID_REUSED: 'CLIENT_MESSAGE_ID_REUSED',
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  NOT_SENDER: 'NOT_SENDER',
  EDIT_WINDOW_CLOSED: 'EDIT_WINDOW_CLOSED',
  MESSAGE_DELETED: 'MESSAGE_DELETED',
  NOT_EDITABLE: 'NOT_EDITABLE',
  REACTION_LIMIT: 'REACTION_LIMIT',
  NOT_DIRECT: 'NOT_DIRECT',
  CALL_NOT_FOUND: 'CALL_NOT_FOUND',
  NOT_IN_CALL: 'NOT_IN_CALL',
  CALL_EXISTS: 'CALL_EXISTS',
  ALREADY_IN_CALL: 'ALREADY_IN_CALL',
  NOT_CALLEE: 'NOT_CALLEE',
  NOT_CALLER: 'NOT_CALLER',
  CALL_NOT_RINGING: 'CALL_NOT_RINGING',
  CALL_NOT_ACTIVE: 'CALL_NOT_ACTIVE',
  CALL_ENDED: 'CALL_ENDED',
  ANSWERED_ELSEWHERE: 'ANSWERED_ELSEWHERE',
  CALL_FULL: 'CALL_FULL',
  CALL_IN_PROGRESS: 'CALL_IN_PROGRESS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Error codes after which the same frame may succeed if sent again later. */
export const RETRYABLE_ERRORS: ReadonlySet<string> = new Set(['RATE_LIMITED', 'UNAVAILABLE']);

/** The codes the server closes a socket with. */
export const CloseCode = {
  IDLE: 1001,
  RESYNC: 1012,
  RESTARTING: 1012,
  UNAVAILABLE: 1013,
  TOKEN_EXPIRED: 4001,
  TOKEN_INVALID: 4002,
  NO_AUTH_FRAME: 4004,
  TOO_SLOW: 4008,
  FLOODING: 4009,
  TOO_MANY_SOCKETS: 4010,
  FULL: 4029,
  SESSION_ENDED: 4500,
} as const;

/** What the client should do after the server closed its socket. */
export type CloseAction = 'reconnect' | 'refresh-then-reconnect' | 'stop';

const REFRESH_FIRST: ReadonlySet<number> = new Set([4001, 4002]);

/** Parley's codes from 4500 to 4999 are terminal; every other code means reconnect. */
export function closeAction(code: number): CloseAction {
  if (code >= 4500 && code <= 4999) return 'stop';
  if (REFRESH_FIRST.has(code)) return 'refresh-then-reconnect';
  return 'reconnect';
}
