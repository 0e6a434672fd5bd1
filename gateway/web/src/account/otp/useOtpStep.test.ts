import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { isDeadCode } from './useOtpStep';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({ status: 400, code, detail: 'x', ...extra });

describe('isDeadCode', () => {
  it('is true only for a code that can never work again', () => {
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_EXPIRED')))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_TOO_MANY_ATTEMPTS')))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_INVALID', { attemptsLeft: 0 })))).toBe(true);
    expect(isDeadCode(ApiError.fromResponse(400, '', problem('OTP_INVALID', { attemptsLeft: 2 })))).toBe(false);
    expect(isDeadCode(new Error('offline'))).toBe(false);
  });
});
