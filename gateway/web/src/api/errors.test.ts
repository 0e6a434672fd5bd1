import { describe, expect, it } from 'vitest';
import { formatClock, secondsUntil } from '../hooks/useCountdown';
import { ApiError } from './errors';
import { messageFor, sessionEndNotice } from './messages';

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  status,
  code,
  detail: 'Server detail',
  ...extra,
});

describe('ApiError from a problem+json answer', () => {
  it('reads retryAfterSeconds from the body before the Retry-After header', () => {
    const headers = new Headers({ 'Retry-After': '99' });
    expect(
      ApiError.fromResponse(429, '', problem(429, 'RATE_LIMITED', { retryAfterSeconds: 42 }), headers)
        .retryAfterSeconds,
    ).toBe(42);
    expect(ApiError.fromResponse(429, '', problem(429, 'RATE_LIMITED'), headers).retryAfterSeconds).toBe(99);
    expect(ApiError.fromResponse(429, '', problem(429, 'RATE_LIMITED')).retryAfterSeconds).toBeUndefined();
  });

  it('understands a Retry-After date', () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const seconds = ApiError.fromResponse(429, '', undefined, new Headers({ 'Retry-After': at })).retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(28);
    expect(seconds).toBeLessThanOrEqual(30);
  });

  it('reads attemptsLeft', () => {
    expect(ApiError.fromResponse(400, '', problem(400, 'OTP_INVALID', { attemptsLeft: 3 })).attemptsLeft).toBe(3);
  });
});

describe('messageFor', () => {
  const error = (status: number, code: string, extra?: Record<string, unknown>) =>
    ApiError.fromResponse(status, '', problem(status, code, extra));

  it.each([
    ['INVALID_CREDENTIALS', 401, "That e-mail/username and password don't match."],
    ['CURRENT_PASSWORD_WRONG', 400, 'Your current password is not right.'],
    ['OTP_EXPIRED', 400, 'That code has expired. Use “Resend code” to get a new one.'],
    ['REFRESH_TOKEN_REUSED', 401, 'Your session ended, please sign in again'],
  ])('words %s for people', (code, status, text) => {
    expect(messageFor(error(status, code))).toBe(text);
  });

  it('counts the attempts left after a wrong code', () => {
    expect(messageFor(error(400, 'OTP_INVALID', { attemptsLeft: 2 }))).toBe("That code isn't right. 2 attempts left.");
    expect(messageFor(error(400, 'OTP_INVALID', { attemptsLeft: 1 }))).toBe("That code isn't right. 1 attempt left.");
    expect(messageFor(error(400, 'OTP_INVALID', { attemptsLeft: 0 }))).toContain('no longer works');
  });

  it("words a taken username on the verify step, and falls back to the server's detail", () => {
    expect(messageFor(error(409, 'USERNAME_TAKEN'), 'signup-verify')).toContain('Go back and choose another one.');
    expect(messageFor(error(400, 'SOMETHING_NEW'))).toBe('Server detail');
    expect(messageFor(error(500, 'INTERNAL'))).toContain('having trouble');
    expect(messageFor(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });

  it('chooses the /login notice by how the session ended', () => {
    expect(sessionEndNotice('expired')).toBe('Your session ended, please sign in again');
    expect(sessionEndNotice(null)).toBeUndefined();
  });
});

describe('countdown formatting', () => {
  it('shows mm:ss', () => {
    expect([600, 599, 61, 9, 0].map(formatClock)).toEqual(['10:00', '09:59', '01:01', '00:09', '00:00']);
  });

  it('rounds the time left up to whole seconds', () => {
    expect(secondsUntil(10_001, 0)).toBe(11);
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(5, 10)).toBe(0);
    expect(secondsUntil(null)).toBe(0);
  });
});
