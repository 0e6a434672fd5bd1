import { ApiError } from './errors';

// Wording for codes a user can act on; anything else shows the server's own `detail`.
const MESSAGES: Record<string, string> = {
  NETWORK: 'Cannot reach Parley. Check your connection and try again.',
  INVALID_CREDENTIALS: 'Wrong username, e-mail or password.',
  EMAIL_NOT_VERIFIED: 'Confirm your e-mail address first: enter the code we sent you.',
  EMAIL_TAKEN: 'An account with this e-mail already exists.',
  USERNAME_TAKEN: 'This username is taken.',
  OTP_INVALID: 'That code is not right. Check the e-mail and try again.',
  OTP_EXPIRED: 'That code has expired. Ask for a new one.',
  RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
};

export function messageFor(error: unknown): string {
  if (error instanceof ApiError) return MESSAGES[error.code] ?? error.detail;
  return 'Something went wrong. Please try again.';
}
