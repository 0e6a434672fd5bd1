import { useCallback } from 'react';
import { ApiError } from '../api/errors';
import { useCountdown } from './useCountdown';

/** How long to wait after a 429 that names no delay. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

export const isTooManyRequests = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 429;

/**
 * A submit button's lock after a 429: `note(error)` starts the countdown from its `retryAfterSeconds`;
 * `wait` is the seconds left (0 = unlocked); `stale(error)` tells whether a 429 has been waited out.
 */
export function useRetryAfter() {
  const [wait, start] = useCountdown();
  const note = useCallback(
    (error: unknown) => {
      if (isTooManyRequests(error)) start(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    },
    [start],
  );
  const stale = (error: unknown) => isTooManyRequests(error) && wait === 0;
  return { wait, note, stale };
}
