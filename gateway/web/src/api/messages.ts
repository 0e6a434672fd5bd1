import { SocketError } from '../socket/frames';
import { ApiError } from './errors';

/** Shown on /login after a refresh token was rejected (or the live connection closed for good). */
export const SESSION_ENDED_NOTICE = 'Your session ended, please sign in again';
/** Shown on /login after a password reset. */
export const PASSWORD_RESET_NOTICE = 'Password changed. Sign in with your new password.';
/** The /login notice after the session was expired (see `SessionStore.endReason`). */
export function sessionEndNotice(reason: string | null): string | undefined {
  return reason ? SESSION_ENDED_NOTICE : undefined;
}

/** Shown on /settings after a password change (the server signed out every other session). */
export const PASSWORD_CHANGED = 'Password changed. Other devices were signed out.';
/** Client-side check of the confirmation input. */
export const PASSWORDS_DIFFER = "The passwords don't match.";

// Wording for the codes the Parley API sends; anything else shows the server's own `detail`.
const MESSAGES: Record<string, string> = {
  NETWORK: 'Cannot reach Parley. Check your connection and try again.',
  VALIDATION_FAILED: 'Some details are not right. Check the highlighted fields.',
  WEAK_PASSWORD: 'Choose a stronger password: 10 to 64 characters, and not your username or e-mail address.',
  USERNAME_TAKEN: 'That username is taken. Choose another one.',
  RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
  OTP_COOLDOWN: 'We just sent you a code. Wait a moment before asking for another one.',
  OTP_INVALID: "That code isn't right. Check the e-mail and try again.",
  OTP_EXPIRED: 'That code has expired. Use “Resend code” to get a new one.',
  OTP_TOO_MANY_ATTEMPTS: 'Too many wrong codes: this one no longer works. Use “Resend code” to get a new one.',
  INVALID_CREDENTIALS: "That e-mail/username and password don't match.",
  CURRENT_PASSWORD_WRONG: 'Your current password is not right.',
  REFRESH_TOKEN_INVALID: SESSION_ENDED_NOTICE,
  REFRESH_TOKEN_REUSED: SESSION_ENDED_NOTICE,
  UNAUTHENTICATED: SESSION_ENDED_NOTICE,
  PROFILE_NOT_FOUND: 'Your profile is not ready yet. Try again in a moment.',
  USER_NOT_FOUND: 'That person no longer exists.',
  CANNOT_FRIEND_SELF: "You can't send a friend request to yourself.",
  ALREADY_FRIENDS: 'You are already friends.',
  REQUEST_ALREADY_PENDING: 'A friend request between you is already waiting for an answer.',
  BLOCKED: "You can't send this person a friend request.",
  NOT_FRIENDS: 'You are not friends any more.',
  NOT_RECIPIENT: 'Only the person who received this request can answer it.',
  NOT_SENDER: 'Only the person who sent this request can cancel it.',
  REQUEST_NOT_FOUND: 'That friend request no longer exists.',
  REQUEST_NOT_PENDING: 'That friend request was already answered.',
  BAD_CURSOR: 'The search results changed. Search again.',
  CONVERSATION_NOT_FOUND: 'This conversation no longer exists.',
  NOT_A_MEMBER: 'You are not in this conversation any more.',
  NOT_ADMIN: 'Only a group admin can do that.',
  NOT_A_GROUP: 'That only works in a group.',
  MESSAGE_NOT_FOUND: 'That message no longer exists.',
  CLIENT_MESSAGE_ID_REUSED: 'This message could not be sent. Try again.',
  GROUP_TOO_LARGE: 'A group can have at most 256 members.',
  CANNOT_MESSAGE_SELF: "You can't start a chat with yourself.",
  DISCONNECTED: 'The connection dropped. Try again.',
  TIMEOUT: 'Parley did not answer in time. Try again.',
  CLOSED: 'You are offline. Try again once connected.',
};

/** Codes worded differently where messaging uses them (the same code also answers friend actions). */
const CHAT_MESSAGES: Record<string, string> = {
  BLOCKED: "You can't message this person.",
  NOT_FRIENDS: 'You can only message your friends.',
  NOT_SENDER: 'Only the sender can delete this message for everyone.',
  MESSAGE_DELETED: 'This message was deleted.',
  REACTION_LIMIT: 'You have put as many different reactions on this message as one person can.',
};

/** Why a message was not sent. */
const SEND_MESSAGES: Record<string, string> = {
  ...CHAT_MESSAGES,
  VALIDATION_FAILED: 'This message cannot be sent: it is empty, too long or holds characters that are not allowed.',
};

/** Why an edit of my message was refused. */
const EDIT_MESSAGES: Record<string, string> = {
  ...CHAT_MESSAGES,
  NOT_SENDER: 'Only the sender can edit this message.',
  EDIT_WINDOW_CLOSED: 'This message is too old to edit.',
  NOT_EDITABLE: 'This message cannot be edited.',
  VALIDATION_FAILED: 'This text cannot be saved: it is empty, too long or holds characters that are not allowed.',
};

/** Why a message search failed. */
const SEARCH_MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: 'Type up to 200 characters to search for.',
  RATE_LIMITED: 'Too many searches. Wait a moment and try again.',
  NOT_A_MEMBER: 'You are not in that conversation any more.',
};

/** Codes whose wording differs on the sign-up verification step. */
const SIGNUP_VERIFY_MESSAGES: Record<string, string> = {
  USERNAME_TAKEN: 'Someone else just took that username while you were verifying. Go back and choose another one.',
};

const CONTEXTS: Record<MessageContext, Record<string, string>> = {
  'signup-verify': SIGNUP_VERIFY_MESSAGES,
  chat: CHAT_MESSAGES,
  send: SEND_MESSAGES,
  edit: EDIT_MESSAGES,
  search: SEARCH_MESSAGES,
};

/**
 * `chat`: conversation, group and message actions; `send`: a message the server refused; `edit`: an edit it
 * refused; `search`: a message search.
 */
export type MessageContext = 'signup-verify' | 'chat' | 'send' | 'edit' | 'search';

export function messageFor(error: unknown, context?: MessageContext): string {
  if (error instanceof SocketError) {
    return (context && CONTEXTS[context][error.code]) ?? MESSAGES[error.code] ?? error.message;
  }
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'OTP_INVALID' && error.attemptsLeft !== undefined) {
    const left = error.attemptsLeft;
    return left === 0
      ? "That code isn't right, and it no longer works. Use “Resend code” to get a new one."
      : `That code isn't right. ${left} ${left === 1 ? 'attempt' : 'attempts'} left.`;
  }
  const specific = context ? CONTEXTS[context][error.code] : undefined;
  const known = specific ?? MESSAGES[error.code];
  if (known) return known;
  if (error.status >= 500) return 'Parley is having trouble right now. Please try again in a moment.';
  return error.detail || 'Something went wrong. Please try again.';
}
