// Generated from infra/platform's dev.parley.platform.protocol by ProtocolTypeScriptTest.
// Do not edit: change the Java enums, then run
// mvn -o test -pl infra/platform -Dtest=ProtocolTypeScriptTest -Dparley.protocol.write=true
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
  TYPING: 'typing',
  MESSAGE_NEW: 'message.new',
  MESSAGE_DELETED: 'message.deleted',
  READ_UPDATED: 'read.updated',
  CONVERSATION_UPDATED: 'conversation.updated',
  CONVERSATION_REMOVED: 'conversation.removed',
  CONVERSATION_CLEARED: 'conversation.cleared',
  PRESENCE: 'presence',
  FRIEND_REQUEST: 'friend.request',
  FRIEND_ACCEPTED: 'friend.accepted',
  FRIEND_REMOVED: 'friend.removed',
  FRIEND_REQUEST_CANCELLED: 'friend.request.cancelled',
  FRIEND_REQUEST_DECLINED: 'friend.request.declined',
  CALL_INVITE: 'call.invite',
  CALL_ACCEPT: 'call.accept',
  CALL_REJECT: 'call.reject',
  CALL_CANCEL: 'call.cancel',
  CALL_HANGUP: 'call.hangup',
  CALL_MEDIA: 'call.media',
  CALL_INCOMING: 'call.incoming',
  CALL_RINGING: 'call.ringing',
  CALL_ACCEPTED: 'call.accepted',
  CALL_REJECTED: 'call.rejected',
  CALL_CANCELLED: 'call.cancelled',
  CALL_ENDED: 'call.ended',
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
  | 'typing'
  | 'call.invite'
  | 'call.accept'
  | 'call.reject'
  | 'call.cancel'
  | 'call.hangup'
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
  | 'read.updated'
  | 'conversation.updated'
  | 'conversation.removed'
  | 'conversation.cleared'
  | 'presence'
  | 'friend.request'
  | 'friend.accepted'
  | 'friend.removed'
  | 'friend.request.cancelled'
  | 'friend.request.declined'
  | 'call.media'
  | 'call.incoming'
  | 'call.ringing'
  | 'call.accepted'
  | 'call.rejected'
  | 'call.cancelled'
  | 'call.ended'
  | 'call.answered_elsewhere'
  | 'call.elsewhere'
  | 'rtc.offer'
  | 'rtc.answer'
  | 'rtc.ice';

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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Error codes after which the same frame may succeed if sent again later. */
export const RETRYABLE_ERRORS: ReadonlySet<string> = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL_ERROR']);

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
